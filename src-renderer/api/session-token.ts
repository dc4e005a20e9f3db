const KEY = 'settle.token';

/**
 * Browser mode hands the per-launch token in the address (?token=…). Keep it for this tab
 * only and take it out of the address bar so it is not bookmarked or shared by accident.
 */
export function captureToken(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  sessionStorage.setItem(KEY, token);
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

export function sessionToken(): string {
  return sessionStorage.getItem(KEY) ?? '';
}
