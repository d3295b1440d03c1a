/**
 * How the dashboards group members' hours against their threshold (the distribution chart), so
 * the console and the API agree on the buckets.
 */
export const HOURS_BUCKETS = [
  { code: 'NONE', fr: 'Aucune heure', en: 'No hours' },
  { code: 'UNDER_HALF', fr: 'Moins de la moitié du seuil', en: 'Under half the threshold' },
  { code: 'UNDER_THRESHOLD', fr: 'De la moitié au seuil', en: 'Half to the threshold' },
  { code: 'THRESHOLD_MET', fr: 'Seuil atteint', en: 'Threshold met' },
] as const;
export type HoursBucket = (typeof HOURS_BUCKETS)[number]['code'];

export function hoursBucketOf(hours: number, minHours: number): HoursBucket {
  if (hours <= 0) return 'NONE';
  if (hours >= minHours) return 'THRESHOLD_MET';
  return hours * 2 < minHours ? 'UNDER_HALF' : 'UNDER_THRESHOLD';
}

/** A binôme item is « waiting long » after this many days without feedback sent. */
export const BINOME_WAITING_DAYS = 30;
