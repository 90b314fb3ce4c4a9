/**
 * A Lambda event's JSON as it arrives: untyped, read member by member, every read checked
 * before it is used.
 */
// biome-ignore lint/suspicious/noExplicitAny: the events of four sources in several payload versions, read defensively
export type EventJson = Record<string, any>;
