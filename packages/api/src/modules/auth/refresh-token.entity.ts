import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A refresh token, stored hashed; every use replaces it, and reuse revokes its whole family. */
@Entity('refresh_token')
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('uuid', { name: 'family_id' })
  familyId: string;

  @Column('bytea', { name: 'token_hash' })
  tokenHash: Buffer;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('text', { name: 'revoked_reason', nullable: true })
  revokedReason: string | null;

  @Column('timestamptz', { name: 'session_expires_at' })
  sessionExpiresAt: Date;

  @Column('text', { name: 'user_agent', nullable: true })
  userAgent: string | null;
}
