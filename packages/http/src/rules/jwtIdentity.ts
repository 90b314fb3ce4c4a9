/**
 * The identity of a caller whose JWT a verifier accepted: `jwt:${iss}|${sub}`, or undefined
 * without a subject. The same on every front end, so a caller is one caller whichever of them a
 * request comes through, and tagged, so a subject never equals another kind of identity of the
 * same text.
 */
export function jwtIdentity(claims: unknown): string | undefined {
  if (typeof claims !== 'object' || claims === null) return undefined;
  const { iss, sub } = claims as { iss?: unknown; sub?: unknown };
  if (typeof sub !== 'string' || sub === '') return undefined;
  return `jwt:${typeof iss === 'string' ? iss : ''}|${sub}`;
}
