import type { EntityManager } from 'typeorm';
import { REGISTER_DEMO_GROUPS } from './register-demo';

/**
 * The demonstration content of the demo relay person's group (« GAPEP Poitiers Centre »): a case
 * presented at its last held meeting and submitted to its binôme, a draft case of the demo
 * physician, the meeting's report validated by its attendees with a reference and an improvement
 * action, and the binôme's feedback sent to the group. Every text is pseudonymised (checked by
 * demo-data.e2e-spec.ts).
 *
 * Content tables accept no system work: each row is written as the person who would write it,
 * with that person's row-level settings, inside the demo seed's transaction; the system scope is
 * restored at the end.
 */
export const CONTENT_DEMO = {
  submittedCase: {
    title: 'Lombalgie d’un cariste en horaires postés',
    workSituation:
      'Cariste depuis quinze ans sur une plateforme logistique, chariot à mât rétractable, horaires en deux-huit ; manutentions manuelles ponctuelles de colis de 15 à 25 kg en fin de poste.',
    clinicalDiagnosis:
      'Lombosciatique droite récidivante ; imagerie en faveur d’une hernie discale L4-L5 ; arrêt de travail de six semaines.',
    exposures:
      'Vibrations transmises à l’ensemble du corps (sols dégradés en zone de stockage), postures en torsion pour la conduite en marche arrière ; fiche d’entreprise de 2022 sans mesure des vibrations.',
    healthWorkLink:
      'Exposition habituelle aux vibrations et aux manutentions lourdes ; délai de prise en charge et liste limitative des travaux compatibles avec les tableaux 97 et 98 du régime général.',
    informationAndAlert:
      'Salarié informé de la possibilité d’une déclaration ; alerte écrite à l’employeur sur l’état des sols et le siège des chariots.',
    questionsRaised:
      'Quel aménagement proposer à la reprise ? Faut-il demander une mesure des vibrations avant toute autre action ?',
  },
  draftCase: {
    title: 'Exposition au bruit d’un agent de tri',
    workSituation:
      'Agent de tri des déchets recyclables, cabine de tri fermée, convoyeurs et chute de verre à proximité.',
    exposures:
      'Niveau sonore estimé au-dessus de 85 dB(A) sur huit heures ; bouchons moulés peu portés.',
    questionsRaised: 'Comment suivre l’audition sans audiométrie sur place ?',
  },
  report: {
    casesDiscussed:
      'Lombalgie d’un cariste en horaires postés ; retour sur une question laissée ouverte à la réunion précédente (suivi post-exposition).',
    problemsIdentified:
      'Maintien en emploi après un arrêt long ; absence de mesure des vibrations dans la fiche d’entreprise.',
    groupAnswers:
      'Proposer une visite de pré-reprise systématique après trente jours d’arrêt ; demander à l’employeur une mesure des vibrations ; envisager un aménagement temporaire du poste.',
    agreementPoints:
      'Intérêt de l’étude de poste avant la reprise, conjointe avec l’ergonome du service.',
    disagreementPoints:
      'Place du temps partiel thérapeutique : deux membres le jugent prématuré sans l’avis du médecin traitant.',
  },
  reference: {
    kind: 'PRACTICE_GUIDELINE',
    citation:
      'HAS. Prévention de la désinsertion professionnelle des salariés en arrêt de travail. Recommandation de bonne pratique, 2019.',
    year: 2019,
  },
  action: {
    description: 'Proposer une visite de pré-reprise à chaque arrêt de plus de trente jours.',
    followUp: 'Point à chaque réunion ; relevé trimestriel par le ou la secrétaire.',
    indicatorLabel: 'Part des arrêts de plus de 30 jours suivis d’une visite de pré-reprise',
    indicatorUnit: '%',
  },
  feedback: {
    questions: [
      'Quels éléments de l’étude de poste ont orienté la proposition d’aménagement ?',
      'Le médecin traitant a-t-il été associé à la réflexion sur le temps partiel thérapeutique ?',
    ],
    remarks:
      'La divergence sur le temps partiel thérapeutique pourrait s’appuyer sur une référence partagée par le groupe.',
  },
} as const;

interface Person {
  userId: string;
  groupIds?: string[];
  relayGroupIds?: string[];
  binomeGroupIds?: string[];
}

const ids = (list: string[] = []) => `{${list.join(',')}}`;

/** Writes as this person (their settings), for the content policies. */
async function as(manager: EntityManager, person: Person): Promise<void> {
  await manager.query(
    `SELECT set_config('app.scope', 'user', true), set_config('app.user_id', $1, true),
            set_config('app.group_ids', $2, true), set_config('app.relay_group_ids', $3, true),
            set_config('app.binome_group_ids', $4, true)`,
    [person.userId, ids(person.groupIds), ids(person.relayGroupIds), ids(person.binomeGroupIds)],
  );
}

export interface ContentDemoCounts {
  clinical_case: number;
  meeting_report: number;
  binome_feedback: number;
}

export async function seedContentDemo(manager: EntityManager): Promise<ContentDemoCounts> {
  const none = { clinical_case: 0, meeting_report: 0, binome_feedback: 0 };
  const [group] = (await manager.query(
    `SELECT g.id, g.society_id,
            (SELECT m.user_id FROM group_membership gm JOIN member m ON m.id = gm.member_id
              WHERE gm.group_id = g.id AND gm.role = 'RELAY' AND gm.left_on IS NULL) AS relay_user_id,
            (SELECT gm.member_id FROM group_membership gm
              WHERE gm.group_id = g.id AND gm.role = 'RELAY' AND gm.left_on IS NULL) AS relay_member_id,
            (SELECT b.user_id FROM binome_assignment b JOIN user_account u ON u.id = b.user_id
              WHERE b.group_id = g.id AND b.ended_at IS NULL ORDER BY u.email LIMIT 1) AS binome_user_id
       FROM peer_group g WHERE g.name = $1`,
    [REGISTER_DEMO_GROUPS.sstpcGapep],
  )) as {
    id: string;
    society_id: string;
    relay_user_id: string;
    relay_member_id: string;
    binome_user_id: string | null;
  }[];
  if (!group) return none;
  const [meeting] = (await manager.query(
    `SELECT mt.id,
            (SELECT r.member_id FROM meeting_role r WHERE r.meeting_id = mt.id AND r.role = 'SECRETARY') AS secretary,
            (SELECT r.member_id FROM meeting_role r JOIN member m ON m.id = r.member_id
              WHERE r.meeting_id = mt.id AND r.role = 'PRESENTER' ORDER BY m.rpps LIMIT 1) AS presenter
       FROM meeting mt WHERE mt.group_id = $1 AND mt.status = 'HELD' AND mt.sheet_closed_at IS NOT NULL
      ORDER BY mt.starts_at DESC LIMIT 1`,
    [group.id],
  )) as { id: string; secretary: string | null; presenter: string | null }[];
  if (!meeting?.secretary || !meeting.presenter) return none;
  const attendees = (await manager.query(
    `SELECT a.member_id, m.user_id, u.first_name || ' ' || u.last_name AS name
       FROM attendance a JOIN member m ON m.id = a.member_id JOIN user_account u ON u.id = m.user_id
      WHERE a.meeting_id = $1 AND a.status = 'SIGNED' ORDER BY m.rpps`,
    [meeting.id],
  )) as { member_id: string; user_id: string; name: string }[];
  const userOf = async (memberId: string) =>
    (
      (await manager.query(`SELECT user_id FROM member WHERE id = $1`, [memberId])) as [
        { user_id: string },
      ]
    )[0].user_id;
  const [physician] = (await manager.query(
    `SELECT m.id, m.user_id FROM member m JOIN user_account u ON u.id = m.user_id
      JOIN group_membership gm ON gm.member_id = m.id AND gm.group_id = $1 AND gm.left_on IS NULL
      WHERE u.email LIKE 'medecin.sstpc@%'`,
    [group.id],
  )) as { id: string; user_id: string }[];
  const member = (userId: string): Person => ({ userId, groupIds: [group.id] });
  const [theme] = (await manager.query(`SELECT id FROM theme WHERE code = 'MSD'`)) as {
    id: string;
  }[];
  const { society_id: society } = group;

  // The presenter's case: written, presented at the meeting, submitted to the binôme.
  await as(manager, member(await userOf(meeting.presenter)));
  const kase = CONTENT_DEMO.submittedCase;
  const [{ id: caseId }] = (await manager.query(
    `INSERT INTO clinical_case (society_id, group_id, author_member_id, origin, situation_kind, draw_mode)
     VALUES ($1, $2, $3, 'GROUP', 'MEDICAL_EXAMINATION', 'RANDOM') RETURNING id`,
    [society, group.id, meeting.presenter],
  )) as [{ id: string }];
  await manager.query(
    `INSERT INTO clinical_case_text (case_id, society_id, group_id, title, work_situation, clinical_diagnosis,
                                     exposures, health_work_link, link_strength, information_and_alert, questions_raised)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'STRONG', $9, $10)`,
    [
      caseId,
      society,
      group.id,
      kase.title,
      kase.workSituation,
      kase.clinicalDiagnosis,
      kase.exposures,
      kase.healthWorkLink,
      kase.informationAndAlert,
      kase.questionsRaised,
    ],
  );
  if (theme) {
    await manager.query(
      `INSERT INTO clinical_case_theme (case_id, theme_id, society_id, group_id) VALUES ($1, $2, $3, $4)`,
      [caseId, theme.id, society, group.id],
    );
  }
  await manager.query(
    `UPDATE clinical_case SET status = 'PRESENTED', presented_at_meeting_id = $2 WHERE id = $1`,
    [caseId, meeting.id],
  );
  await manager.query(
    `INSERT INTO clinical_case_presentation (case_id, meeting_id, society_id, group_id) VALUES ($1, $2, $3, $4)`,
    [caseId, meeting.id, society, group.id],
  );
  await manager.query(
    `UPDATE clinical_case SET status = 'SUBMITTED_TO_BINOME',
            submitted_at = least(now(), (SELECT starts_at FROM meeting WHERE id = $2) + interval '2 days')
      WHERE id = $1`,
    [caseId, meeting.id],
  );
  let cases = 1;

  // The demo physician's draft.
  if (physician) {
    await as(manager, member(physician.user_id));
    const draft = CONTENT_DEMO.draftCase;
    const [{ id }] = (await manager.query(
      `INSERT INTO clinical_case (society_id, group_id, author_member_id, origin, situation_kind)
       VALUES ($1, $2, $3, 'GROUP', 'WORKPLACE_STUDY') RETURNING id`,
      [society, group.id, physician.id],
    )) as [{ id: string }];
    await manager.query(
      `INSERT INTO clinical_case_text (case_id, society_id, group_id, title, work_situation, exposures, questions_raised)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        society,
        group.id,
        draft.title,
        draft.workSituation,
        draft.exposures,
        draft.questionsRaised,
      ],
    );
    cases += 1;
  }

  // The secretary's report, with a reference and an improvement action, submitted for review.
  const secretaryUser = await userOf(meeting.secretary);
  await as(manager, member(secretaryUser));
  const text = CONTENT_DEMO.report;
  const [{ id: reportId }] = (await manager.query(
    `INSERT INTO meeting_report (society_id, group_id, meeting_id, drafted_by_member_id, last_written_by_member_id)
     VALUES ($1, $2, $3, $4, $4) RETURNING id`,
    [society, group.id, meeting.id, meeting.secretary],
  )) as [{ id: string }];
  await manager.query(
    `INSERT INTO meeting_report_text (report_id, version, edition, society_id, group_id, written_by_member_id,
                                      cases_discussed, problems_identified, group_answers, agreement_points, disagreement_points)
     VALUES ($1, 1, 1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      reportId,
      society,
      group.id,
      meeting.secretary,
      text.casesDiscussed,
      text.problemsIdentified,
      text.groupAnswers,
      text.agreementPoints,
      text.disagreementPoints,
    ],
  );
  const reference = CONTENT_DEMO.reference;
  const [{ id: referenceId }] = (await manager.query(
    `INSERT INTO reference (society_id, group_id, kind, citation, year, added_by_member_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [society, group.id, reference.kind, reference.citation, reference.year, meeting.secretary],
  )) as [{ id: string }];
  await manager.query(
    `INSERT INTO reference_link (reference_id, society_id, group_id, report_id) VALUES ($1, $2, $3, $4)`,
    [referenceId, society, group.id, reportId],
  );
  const action = CONTENT_DEMO.action;
  const [{ id: actionId }] = (await manager.query(
    `INSERT INTO improvement_action (society_id, group_id, report_id, description, owner_member_id, follow_up,
                                     status, indicator_label, indicator_unit, created_by_member_id, due_on)
     VALUES ($1, $2, $3, $4, $5, $6, 'IN_PROGRESS', $7, $8, $9, (current_date + 180))
     RETURNING id`,
    [
      society,
      group.id,
      reportId,
      action.description,
      group.relay_member_id,
      action.followUp,
      action.indicatorLabel,
      action.indicatorUnit,
      meeting.secretary,
    ],
  )) as [{ id: string }];
  await manager.query(
    `INSERT INTO improvement_indicator_value (action_id, society_id, group_id, measured_on, value, recorded_by_member_id)
     VALUES ($1, $2, $3, current_date - 60, 40, $4), ($1, $2, $3, current_date - 1, 55, $4)`,
    [actionId, society, group.id, meeting.secretary],
  );
  await manager.query(
    `UPDATE meeting_report SET status = 'SUBMITTED_FOR_REVIEW', attendance_list = $2,
            submitted_at = least(now(), (SELECT starts_at FROM meeting WHERE id = $3) + interval '3 days')
      WHERE id = $1`,
    [
      reportId,
      JSON.stringify(attendees.map((row) => ({ memberId: row.member_id, name: row.name }))),
      meeting.id,
    ],
  );
  // Every attendee approves the text; the report is validated and its text marked so.
  for (const attendee of attendees) {
    await as(manager, member(attendee.user_id));
    await manager.query(
      `INSERT INTO meeting_report_approval (report_id, text_version, member_id, society_id, group_id)
       VALUES ($1, 1, $2, $3, $4)`,
      [reportId, attendee.member_id, society, group.id],
    );
  }
  await as(manager, member(secretaryUser));
  await manager.query(
    `UPDATE meeting_report SET status = 'VALIDATED', validated_edition = 1,
            validated_at = least(now(), (SELECT starts_at FROM meeting WHERE id = $2) + interval '9 days'),
            first_validated_at = least(now(), (SELECT starts_at FROM meeting WHERE id = $2) + interval '9 days')
      WHERE id = $1`,
    [reportId, meeting.id],
  );
  await manager.query(
    `UPDATE meeting_report_text SET validated = true, validated_at = r.validated_at
       FROM meeting_report r WHERE r.id = $1 AND meeting_report_text.report_id = $1 AND meeting_report_text.version = 1`,
    [reportId],
  );

  // The binôme's questions on the report, sent to the group.
  let feedbacks = 0;
  if (group.binome_user_id) {
    await as(manager, { userId: group.binome_user_id, binomeGroupIds: [group.id] });
    const feedback = CONTENT_DEMO.feedback;
    const [{ id: feedbackId }] = (await manager.query(
      `INSERT INTO binome_feedback (society_id, group_id, report_id, report_edition, author_user_id)
       VALUES ($1, $2, $3, 1, $4) RETURNING id`,
      [society, group.id, reportId, group.binome_user_id],
    )) as [{ id: string }];
    await manager.query(
      `INSERT INTO binome_feedback_text (feedback_id, society_id, group_id, questions, remarks)
       VALUES ($1, $2, $3, $4, $5)`,
      [feedbackId, society, group.id, feedback.questions, feedback.remarks],
    );
    await manager.query(
      `UPDATE binome_feedback SET status = 'SENT',
              sent_at = least(now(), (SELECT starts_at FROM meeting WHERE id = $2) + interval '20 days')
        WHERE id = $1`,
      [feedbackId, meeting.id],
    );
    feedbacks = 1;
  }

  await manager.query(
    `SELECT set_config('app.scope', 'system', true), set_config('app.user_id', '', true),
            set_config('app.group_ids', '{}', true), set_config('app.relay_group_ids', '{}', true),
            set_config('app.binome_group_ids', '{}', true)`,
  );
  return { clinical_case: cases, meeting_report: 1, binome_feedback: feedbacks };
}
