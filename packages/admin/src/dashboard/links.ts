/** The URL of a list filtered as the dashboard's figure (react-admin's hash routes). */
export function listUrl(resource: string, filter: Record<string, unknown>): string {
  const clean = Object.fromEntries(
    Object.entries(filter).filter(
      ([, value]) => value !== undefined && value !== null && value !== '',
    ),
  );
  return `/${resource}?filter=${encodeURIComponent(JSON.stringify(clean))}`;
}

/** The compliance list: members short of thresholds, or those of one hours bucket. */
export function complianceUrl(
  year: number,
  societyId?: string | null,
  hoursBucket?: string,
): string {
  const params = new URLSearchParams({ year: String(year) });
  if (societyId) params.set('societyId', societyId);
  if (hoursBucket) params.set('hoursBucket', hoursBucket);
  return `/compliance?${params.toString()}`;
}

/** Validated reports and submitted cases waiting for their binôme for more than 30 days. */
export function binomeWaitingUrl(societyId?: string | null): string {
  return `/binome-waiting${societyId ? `?societyId=${societyId}` : ''}`;
}
