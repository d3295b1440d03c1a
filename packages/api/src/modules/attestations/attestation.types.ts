import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';

/**
 * A member's attestation for a year. What it says is frozen when issued (the snapshot, read
 * through the fields below); the PDF and the public verification page show the same.
 */
@ObjectType('Attestation', {
  description: 'Attestation de participation d’un membre pour une année',
})
export class AttestationType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  societyId: string;

  @Field(() => ID)
  memberId: string;

  @Field(() => Int)
  year: number;

  @Field({ description: 'Date de délivrance' })
  issuedAt: Date;

  @Field(() => Date, { nullable: true, description: 'Date de révocation (E-Pairs)' })
  revokedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Motif de révocation (affiché publiquement)',
  })
  revokedReason: string | null;
}

@InputType()
export class AttestationFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => String, { nullable: true, description: 'Nom, prénom, RPPS ou code de vérification' })
  q?: string;

  @Field(() => ID, { nullable: true })
  societyId?: string;

  @Field(() => ID, { nullable: true })
  memberId?: string;

  @Field(() => ID, { nullable: true, description: 'L’employeur indiqué sur l’attestation' })
  employerId?: string;

  @Field(() => Int, { nullable: true })
  year?: number;

  @Field(() => Boolean, { nullable: true, description: 'true : révoquées ; false : en vigueur' })
  revoked?: boolean;
}

@ArgsType()
export class IssueAttestationArgs {
  @Field(() => ID)
  memberId: string;

  @Field(() => Int)
  year: number;
}

@ArgsType()
export class RevokeAttestationArgs {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Motif, affiché sur la page publique de vérification' })
  reason: string;
}

@ArgsType()
export class AttestationsZipArgs {
  @Field(() => Int)
  year: number;

  @Field(() => ID, { nullable: true, description: 'Toutes les attestations de la société…' })
  societyId?: string | null;

  @Field(() => ID, { nullable: true, description: '…ou celles d’un employeur' })
  employerId?: string | null;
}
