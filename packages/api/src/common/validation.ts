import { pseudonymisationProblems, type FieldProblem } from '@epairs/shared';
import { badInputs } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Collects problems field by field, then throws them all at once as BAD_USER_INPUT. */
export class InputCheck {
  private readonly problems: FieldProblem[] = [];

  add(field: string, message: string): this {
    this.problems.push({ field, message });
    return this;
  }

  addAll(problems: FieldProblem[]): this {
    this.problems.push(...problems);
    return this;
  }

  /** Trims a text and checks its length; returns the trimmed value. */
  text(field: string, value: string, label: string, min: number, max: number): string {
    const trimmed = value.trim();
    if (trimmed.length < min || trimmed.length > max) {
      this.add(field, `${label} doit contenir entre ${min} et ${max} caractères.`);
    }
    return trimmed;
  }

  id(field: string, value: string, label: string): string {
    if (!isUuid(value)) this.add(field, `${label} : identifiant invalide.`);
    return value;
  }

  done(): void {
    if (this.problems.length > 0) throw badInputs(this.problems);
  }
}

/**
 * The pseudonymisation guard, before any content is saved: a likely identifier refuses the whole
 * request (BAD_USER_INPUT, one problem per finding, field by field), so nothing of it is stored.
 * The messages say where and which kind, never the identifier, so they are safe to log.
 */
export function assertPseudonymised(fields: Record<string, string | null | undefined>): void {
  const problems = pseudonymisationProblems(fields);
  if (problems.length > 0) throw badInputs(problems);
}
