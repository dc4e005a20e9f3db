/**
 * Sources name customers; Settle keys them by a short code. The code is the name's letters and
 * digits in capitals, dashes between words ("Acme Supply Ltd." → ACME-SUPPLY-LTD), then -2, -3…
 * when another customer has it already.
 */
export function codeFromName(name: string, taken: (code: string) => boolean): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 28)
      .replace(/-+$/, '') || 'CUSTOMER';
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const code = `${base}-${n}`;
    if (!taken(code)) return code;
  }
}
