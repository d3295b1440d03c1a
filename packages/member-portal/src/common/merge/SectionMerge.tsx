import { useTranslation } from 'react-i18next';
import { registerStrings } from '../../i18n';
import './merge.css';

registerStrings('merge', {
  fr: {
    title: 'Quelqu’un d’autre a enregistré entre-temps',
    intro:
      'Votre texte n’est pas perdu. Pour chaque partie modifiée par l’autre personne, gardez votre texte ou prenez le sien (vous pourrez encore le retoucher), puis enregistrez.',
    changed_one: '{{count}} partie modifiée : {{names}}.',
    changed_other: '{{count}} parties modifiées : {{names}}.',
    none: 'L’autre personne n’a pas modifié les mêmes parties : enregistrez à nouveau pour envoyer votre texte.',
    mine: 'Mon texte',
    theirs: 'Son texte (enregistré)',
    keepMine: 'Garder mon texte',
    takeTheirs: 'Prendre son texte',
    chosenMine: 'Vous gardez votre texte.',
    chosenTheirs: 'Vous prenez son texte.',
    empty: '(vide)',
    save: 'Enregistrer la fusion',
  },
  en: {
    title: 'Someone else saved in the meantime',
    intro:
      'Your text is not lost. For each part the other person changed, keep your text or take theirs (you can still edit it), then save.',
    changed_one: '{{count}} part changed: {{names}}.',
    changed_other: '{{count}} parts changed: {{names}}.',
    none: 'The other person did not change the same parts: save again to send your text.',
    mine: 'My text',
    theirs: 'Their text (saved)',
    keepMine: 'Keep my text',
    takeTheirs: 'Take their text',
    chosenMine: 'You keep your text.',
    chosenTheirs: 'You take their text.',
    empty: '(empty)',
    save: 'Save the merge',
  },
});

export type Choice = 'mine' | 'theirs';

export interface MergeSection {
  name: string;
  label: string;
  mine: string;
  theirs: string;
  choice: Choice;
}

/**
 * A CONFLICT (stale version): the sections the other writer changed, their saved text next to
 * mine, and a choice per section. Nothing is discarded until the merged text is saved: « mine »
 * stays available as long as the panel is shown.
 */
export function SectionMerge({
  sections,
  onChoose,
  onSave,
  saving,
}: {
  sections: MergeSection[];
  onChoose: (name: string, choice: Choice) => void;
  onSave: () => void;
  saving: boolean;
}) {
  const { t } = useTranslation('merge');
  return (
    <section className="card merge" aria-labelledby="merge-title" role="region">
      <h2 id="merge-title">{t('title')}</h2>
      <p>{t('intro')}</p>
      <p className="merge-changed" role="status">
        {sections.length === 0
          ? t('none')
          : t('changed', {
              count: sections.length,
              names: sections.map((section) => section.label).join(', '),
            })}
      </p>
      {sections.map((section) => (
        <fieldset key={section.name} className="merge-section" data-section={section.name}>
          <legend>{section.label}</legend>
          <div className="merge-texts">
            <div className={section.choice === 'mine' ? 'merge-text chosen' : 'merge-text'}>
              <h3>{t('mine')}</h3>
              <p className="merge-body" data-testid={`mine-${section.name}`}>
                {section.mine || t('empty')}
              </p>
            </div>
            <div className={section.choice === 'theirs' ? 'merge-text chosen' : 'merge-text'}>
              <h3>{t('theirs')}</h3>
              <p className="merge-body" data-testid={`theirs-${section.name}`}>
                {section.theirs || t('empty')}
              </p>
            </div>
          </div>
          <div className="segmented">
            <button
              type="button"
              className="button secondary"
              aria-pressed={section.choice === 'mine'}
              onClick={() => onChoose(section.name, 'mine')}
            >
              {t('keepMine')}
            </button>
            <button
              type="button"
              className="button secondary"
              aria-pressed={section.choice === 'theirs'}
              onClick={() => onChoose(section.name, 'theirs')}
            >
              {t('takeTheirs')}
            </button>
          </div>
          <p className="meta" aria-live="polite">
            {section.choice === 'mine' ? t('chosenMine') : t('chosenTheirs')}
          </p>
        </fieldset>
      ))}
      <div className="actions">
        <button type="button" className="button" disabled={saving} onClick={onSave}>
          {t('save')}
        </button>
      </div>
    </section>
  );
}
