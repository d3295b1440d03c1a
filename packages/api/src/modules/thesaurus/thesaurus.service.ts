import {
  HIGHLIGHT_START,
  HIGHLIGHT_STOP,
  highlightSegments,
  subject,
  THESAURUS_ENTRY_FIELDS,
  THESAURUS_SEARCH,
  THESAURUS_THEMES,
  type ThesaurusEntryField,
} from '@epairs/shared';
import { In } from 'typeorm';
import { updateVersioned } from '../../common/db/versioned-update';
import { conflict, notFound } from '../../common/errors';
import type { RequestContext } from '../../common/request-context';
import { assertPseudonymised, InputCheck, isUuid } from '../../common/validation';
import { Theme } from '../themes/theme.entity';
import { ThesaurusEntry } from './thesaurus-entry.entity';
import type {
  ThesaurusEntryInput,
  ThesaurusSearchHit,
  ThesaurusSearchResult,
} from './thesaurus.types';

const LABEL = 'Le repère';
const FIELDS = Object.keys(THESAURUS_ENTRY_FIELDS) as ThesaurusEntryField[];
const CHANGED = [...FIELDS, 'themeIds'];

const record = (found: ThesaurusEntry) => ({
  id: found.id,
  societyId: found.societyId,
  groupId: found.groupId,
  status: found.status,
});

type CheckedInput = Record<ThesaurusEntryField, string> & { themeIds: string[] };

/**
 * Lengths and themes first, then the pseudonymisation guard over every text: an entry leaves its
 * group for the whole federation, so nothing that identifies a person is stored.
 */
async function checkedInput(
  ctx: RequestContext,
  input: ThesaurusEntryInput,
): Promise<CheckedInput> {
  const check = new InputCheck();
  const texts = Object.fromEntries(
    FIELDS.map((field) => {
      const { label, min, max } = THESAURUS_ENTRY_FIELDS[field];
      return [field, check.text(field, input[field] ?? '', label, min, max)];
    }),
  ) as Record<ThesaurusEntryField, string>;
  const themeIds = [...new Set(input.themeIds)];
  if (themeIds.length < THESAURUS_THEMES.min || themeIds.length > THESAURUS_THEMES.max) {
    check.add(
      'themeIds',
      `Choisissez entre ${THESAURUS_THEMES.min} et ${THESAURUS_THEMES.max} thèmes.`,
    );
  } else if (!themeIds.every(isUuid)) {
    check.add('themeIds', 'Thème : identifiant invalide.');
  } else {
    const manager = await ctx.manager();
    const found = await manager.getRepository(Theme).countBy({ id: In(themeIds), active: true });
    if (found !== themeIds.length) check.add('themeIds', 'Thème inconnu ou retiré.');
  }
  check.done();
  assertPseudonymised(texts);
  return { ...texts, themeIds };
}

async function writeThemes(ctx: RequestContext, entry: ThesaurusEntry, themeIds: string[]) {
  const manager = await ctx.manager();
  await manager.query(`DELETE FROM thesaurus_entry_theme WHERE entry_id = $1`, [entry.id]);
  await manager.query(
    `INSERT INTO thesaurus_entry_theme (entry_id, theme_id, society_id)
     SELECT $1, theme_id, $2 FROM unnest($3::uuid[]) AS theme_id`,
    [entry.id, entry.societyId, themeIds],
  );
  ctx.loaders.themesByThesaurusEntryId.clear(entry.id);
}

/** The entry if it exists and the caller may see it, else null (no existence leak). */
async function visibleEntry(ctx: RequestContext, id: string): Promise<ThesaurusEntry | null> {
  const found = isUuid(id) ? await ctx.loaders.thesaurusEntryById.load(id) : null;
  if (!found) return null;
  const { ability } = await ctx.requireAuth();
  return ability.can('read', subject('ThesaurusEntry', record(found))) ? found : null;
}

async function findEntry(ctx: RequestContext, id: string): Promise<ThesaurusEntry> {
  const found = await visibleEntry(ctx, id);
  if (!found) throw notFound('Repère');
  return found;
}

/** A versioned change, audited. */
async function change(
  ctx: RequestContext,
  current: ThesaurusEntry,
  version: number,
  action: string,
  changes: Partial<ThesaurusEntry>,
  changedFields: string[] = Object.keys(changes),
): Promise<ThesaurusEntry> {
  const updated = await updateVersioned<ThesaurusEntry>(
    ctx,
    ThesaurusEntry,
    LABEL,
    current,
    version,
    changes,
  );
  ctx.loaders.thesaurusEntryById.clear(current.id);
  await ctx.audit({
    action,
    entityType: 'ThesaurusEntry',
    entityId: current.id,
    societyId: current.societyId,
    changedFields,
  });
  return updated;
}

interface SearchRow {
  total: number;
  id: string | null;
  rank: number | null;
  title_marked: string | null;
  excerpt_marked: string | null;
}

/**
 * One statement: the matching published entries ranked (title A, lesson B, context C; cover
 * density), the page, the total, and for the page only the highlighted title and excerpt. The
 * query is joined like the index (« musculo-squelettique » = « musculosquelettique »), and the
 * highlight also marks the parts of a compound whose joined form was asked for.
 */
const SEARCH_SQL = `
  WITH q AS (
    SELECT app.fts_query($1) AS query,
           tsvector_to_array(to_tsvector('app.french_unaccent', app.fts_joined($1))) AS lexemes
  ), matched AS MATERIALIZED (
    SELECT e.id, e.title, e.lesson, e.context, e.published_at,
           ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', e.search_vector, q.query) AS rank
      FROM thesaurus_entry e, q
     WHERE e.status = 'PUBLISHED' AND e.search_vector @@ q.query
       AND ($2::uuid IS NULL OR EXISTS (
             SELECT 1 FROM thesaurus_entry_theme t WHERE t.entry_id = e.id AND t.theme_id = $2::uuid))
  ), page AS (
    SELECT m.*, row_number() OVER (ORDER BY m.rank DESC, m.published_at DESC, m.id) AS position
      FROM matched m ORDER BY m.rank DESC, m.published_at DESC, m.id LIMIT $3 OFFSET $4
  ), texts AS (
    SELECT p.id, p.rank, p.position, translate(p.title, $5, '') AS title,
           translate(p.lesson || E'\\n\\n' || p.context, $5, '') AS body
      FROM page p
  )
  SELECT c.total::int AS total, x.id, x.rank,
         ts_headline('app.french_unaccent', x.title,
                     app.fts_highlight_query(x.title, q.query, q.lexemes), $6) AS title_marked,
         ts_headline('app.french_unaccent', x.body,
                     app.fts_highlight_query(x.body, q.query, q.lexemes), $7) AS excerpt_marked
    FROM (SELECT count(*) AS total FROM matched) c
    CROSS JOIN q
    LEFT JOIN texts x ON true
   ORDER BY x.position`;

const MARKERS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}`;
const TITLE_OPTIONS = `HighlightAll=true, ${MARKERS}`;
const EXCERPT_OPTIONS = `MaxFragments=2, MinWords=8, MaxWords=30, FragmentDelimiter=" … ", ${MARKERS}`;

/** The first words of a text, for a result shown without a query. */
function opening(text: string, max = 240): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))} …`;
}

export const thesaurusService = {
  findOne: visibleEntry,

  /** A group's entries the caller may see, newest first: proposals for its group and binôme. */
  async listForGroup(ctx: RequestContext, groupId: string): Promise<ThesaurusEntry[]> {
    if (!isUuid(groupId)) return [];
    const rows = await (await ctx.manager()).getRepository(ThesaurusEntry).find({
      where: { groupId },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    const { ability } = await ctx.requireAuth();
    return rows.filter((row) => ability.can('read', subject('ThesaurusEntry', record(row))));
  },

  /**
   * French full-text search in the published thesaurus, best match first. An empty query lists
   * the published entries, newest first.
   */
  async search(
    ctx: RequestContext,
    args: { query: string; themeId?: string | null; page?: number | null; perPage?: number | null },
  ): Promise<ThesaurusSearchResult> {
    const { ability } = await ctx.requireAuth();
    const query = args.query.trim();
    const page = args.page ?? 0;
    const perPage = args.perPage ?? THESAURUS_SEARCH.defaultPerPage;
    const check = new InputCheck();
    if (query.length > THESAURUS_SEARCH.maxQueryLength) {
      check.add(
        'query',
        `La recherche doit contenir au plus ${THESAURUS_SEARCH.maxQueryLength} caractères.`,
      );
    }
    if (args.themeId != null) check.id('themeId', args.themeId, 'Thème');
    if (page < 0) check.add('page', 'Le numéro de page ne peut être négatif.');
    if (perPage < 1 || perPage > THESAURUS_SEARCH.maxPerPage) {
      check.add(
        'perPage',
        `Le nombre de résultats par page doit être entre 1 et ${THESAURUS_SEARCH.maxPerPage}.`,
      );
    }
    check.done();
    const manager = await ctx.manager();

    let found: {
      id: string;
      rank: number;
      titleMarked: string | null;
      excerptMarked: string | null;
    }[];
    let total: number;
    if (query === '') {
      const builder = manager
        .getRepository(ThesaurusEntry)
        .createQueryBuilder('e')
        .where(`e.status = 'PUBLISHED'`)
        .orderBy('e.published_at', 'DESC')
        .addOrderBy('e.id', 'ASC')
        .take(perPage)
        .skip(page * perPage);
      if (args.themeId) {
        builder.andWhere(
          'EXISTS (SELECT 1 FROM thesaurus_entry_theme t WHERE t.entry_id = e.id AND t.theme_id = :themeId)',
          { themeId: args.themeId },
        );
      }
      const [entries, count] = await builder.getManyAndCount();
      for (const entry of entries) ctx.loaders.thesaurusEntryById.prime(entry.id, entry);
      found = entries.map((entry) => ({
        id: entry.id,
        rank: 0,
        titleMarked: null,
        excerptMarked: null,
      }));
      total = count;
    } else {
      const rows = (await manager.query(SEARCH_SQL, [
        query,
        args.themeId ?? null,
        perPage,
        page * perPage,
        HIGHLIGHT_START + HIGHLIGHT_STOP,
        TITLE_OPTIONS,
        EXCERPT_OPTIONS,
      ])) as SearchRow[];
      total = rows[0]?.total ?? 0;
      found = rows
        .filter((row): row is SearchRow & { id: string; rank: number } => row.id !== null)
        .map((row) => ({
          id: row.id,
          rank: Number(row.rank),
          titleMarked: row.title_marked,
          excerptMarked: row.excerpt_marked,
        }));
    }

    const entries = await ctx.loaders.thesaurusEntryById.loadMany(found.map((hit) => hit.id));
    const hits: ThesaurusSearchHit[] = [];
    found.forEach((hit, index) => {
      const entry = entries[index];
      if (!entry || entry instanceof Error) return;
      if (!ability.can('read', subject('ThesaurusEntry', record(entry)))) return;
      hits.push({
        entry,
        rank: hit.rank,
        titleHighlight: highlightSegments(hit.titleMarked ?? entry.title),
        excerpt: highlightSegments(hit.excerptMarked ?? opening(entry.lesson)),
      });
    });
    return { total, page, perPage, hits };
  },

  /** The binôme proposes a « repère » drawn from the accompaniment of one of its groups. */
  async propose(
    ctx: RequestContext,
    groupId: string,
    input: ThesaurusEntryInput,
  ): Promise<ThesaurusEntry> {
    const { user } = await ctx.requireAuth();
    const group = isUuid(groupId) ? await ctx.loaders.groupById.load(groupId) : null;
    if (!group) throw notFound('Groupe');
    await ctx.assertCan('create', 'ThesaurusEntry', {
      id: '',
      societyId: group.societyId,
      groupId: group.id,
      status: 'PROPOSED',
    });
    const checked = await checkedInput(ctx, input);
    const manager = await ctx.manager();
    const { identifiers } = await manager.getRepository(ThesaurusEntry).insert({
      societyId: group.societyId,
      groupId: group.id,
      proposedByUserId: user.id,
      status: 'PROPOSED',
      title: checked.title,
      lesson: checked.lesson,
      context: checked.context,
    });
    const id = identifiers[0]!.id as string;
    const entry = await manager.getRepository(ThesaurusEntry).findOneByOrFail({ id });
    await writeThemes(ctx, entry, checked.themeIds);
    await ctx.audit({
      action: 'thesaurus-entry.propose',
      entityType: 'ThesaurusEntry',
      entityId: id,
      societyId: group.societyId,
      changedFields: CHANGED,
    });
    return entry;
  },

  /** The binôme rewrites its proposal as a whole (version read required), until published. */
  async update(
    ctx: RequestContext,
    id: string,
    version: number,
    input: ThesaurusEntryInput,
  ): Promise<ThesaurusEntry> {
    const current = await findEntry(ctx, id);
    const { ability } = await ctx.requireAuth();
    if (
      current.status !== 'PROPOSED' &&
      ability.can('update', subject('ThesaurusEntry', { ...record(current), status: 'PROPOSED' }))
    ) {
      throw conflict(
        current.status === 'PUBLISHED'
          ? 'Ce repère est publié : son texte est désormais figé.'
          : 'Ce repère est retiré.',
      );
    }
    await ctx.assertCan('update', 'ThesaurusEntry', record(current));
    const checked = await checkedInput(ctx, input);
    const updated = await change(
      ctx,
      current,
      version,
      'thesaurus-entry.update',
      { title: checked.title, lesson: checked.lesson, context: checked.context },
      CHANGED,
    );
    await writeThemes(ctx, updated, checked.themeIds);
    return updated;
  },

  /** The group's relay person gives the group's agreement: the entry joins the thesaurus. */
  async publish(ctx: RequestContext, id: string, version: number): Promise<ThesaurusEntry> {
    const current = await findEntry(ctx, id);
    if (current.status !== 'PROPOSED') {
      throw conflict(
        current.status === 'PUBLISHED' ? 'Ce repère est déjà publié.' : 'Ce repère est retiré.',
      );
    }
    const { user } = await ctx.assertCan('publish', 'ThesaurusEntry', record(current));
    return change(ctx, current, version, 'thesaurus-entry.publish', {
      status: 'PUBLISHED',
      agreedByMemberId: user.memberId,
      publishedAt: new Date(),
    });
  },

  /** Withdrawn by its binôme, or by E-Pairs once published; the row stays, out of the thesaurus. */
  async withdraw(ctx: RequestContext, id: string, version: number): Promise<ThesaurusEntry> {
    const current = await findEntry(ctx, id);
    if (current.status === 'WITHDRAWN') throw conflict('Ce repère est déjà retiré.');
    await ctx.assertCan('delete', 'ThesaurusEntry', record(current));
    return change(ctx, current, version, 'thesaurus-entry.withdraw', {
      status: 'WITHDRAWN',
      withdrawnAt: new Date(),
    });
  },
};
