import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AccountTokenPurpose = 'INVITATION' | 'PASSWORD_RESET';

/** A single-use, expiring link sent by e-mail (activation or password reset), stored hashed. */
@Entity('account_token')
export class AccountToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  purpose: AccountTokenPurpose;

  @Column('bytea', { name: 'token_hash' })
  tokenHash: Buffer;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;
}
