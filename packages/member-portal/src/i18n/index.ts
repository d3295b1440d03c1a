import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common } from './common';

export type Language = 'fr' | 'en';
const LANGUAGE_KEY = 'epairs.portal.language';

/** French first: English when the member chose it, or when the browser asks for it. */
function initialLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(LANGUAGE_KEY);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch {
    // storage refused (private mode): the browser's language decides
  }
  return navigator.language?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

void i18n.use(initReactI18next).init({
  lng: initialLanguage(),
  fallbackLng: 'fr',
  resources: { fr: { common: common.fr }, en: { common: common.en } },
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export function setLanguage(language: Language): void {
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // not kept: fine
  }
}

/**
 * Each feature folder brings its own strings (loaded with its route): `registerStrings('cases',
 * { fr: {...}, en: {...} })` at the top of the feature's module, then `useTranslation('cases')`.
 */
export function registerStrings(
  namespace: string,
  strings: { fr: Record<string, unknown>; en: Record<string, unknown> },
): void {
  if (i18n.hasResourceBundle('fr', namespace)) return;
  i18n.addResourceBundle('fr', namespace, strings.fr);
  i18n.addResourceBundle('en', namespace, strings.en);
}

export { i18n };
