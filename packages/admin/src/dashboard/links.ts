/** The URL of a list filtered as the dashboard's figure (react-admin's hash routes). */
export function listUrl(resource: string, filter: Record<string, unknown>): string {
  const clean = Object.fromEntries(
    Object.entries(filter).filter(
      ([, value]) => value !== undefined && value !== null && value !== '',
    ),
  );
  return `/${resource}?filter=${encodeURIComponent(JSON.stringify(clean))}`;
}

export function complianceUrl(year: number, societyId?: string | null): string {
  const params = new URLSearchParams({ year: String(year) });
  if (societyId) params.set('societyId', societyId);
  return `/compliance?${params.toString()}`;
}
