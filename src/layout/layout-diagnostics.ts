/** Helpers for the layout stage's diagnostics (their wording lives in the catalogue: layout-continued, layout-token-too-wide). */

/** Shortens a long token for a one-line message. */
export function tokenForMessage(token: string): string {
  const chars = [...token];
  return chars.length > 40 ? `${chars.slice(0, 20).join('')}…${chars.slice(-10).join('')}` : token;
}
