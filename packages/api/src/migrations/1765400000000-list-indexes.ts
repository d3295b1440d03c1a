import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for reading pages of groups under row-level security (docs/benchmarks.md):
 *
 * - `group_membership (member_id, group_id)` over all memberships, including those that ended.
 *   The self-read policy `peer_group_member_history` looks up the person's memberships, ended ones
 *   too; the only member index was partial (current memberships), so the policy scanned the group
 *   index and was costed at ~1,700 per use. Cheap, it lets the planner read groups by their key
 *   in a nested loop instead of scanning them all.
 * - `peer_group (name, id) INCLUDE (society_id)`: the columns the group policies read, so a deep
 *   page (`OFFSET`) skips its rows in the index alone (see listOperations: the page's ids are read
 *   first, then their rows).
 */
export class ListIndexes1765400000000 implements MigrationInterface {
  name = 'ListIndexes1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX group_membership_member_all_idx ON group_membership (member_id, group_id);
      DROP INDEX peer_group_name_idx;
      CREATE INDEX peer_group_name_idx ON peer_group (name, id) INCLUDE (society_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX peer_group_name_idx;
      CREATE INDEX peer_group_name_idx ON peer_group (name, id);
      DROP INDEX group_membership_member_all_idx;
    `);
  }
}
