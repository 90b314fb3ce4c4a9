import { type LuaScript, luaScript } from './LuaScript.js';

/** The claim, completion, release and renewal scripts of one record format. */
export interface RecordScripts {
  readonly claim: LuaScript;
  readonly complete: LuaScript;
  readonly release: LuaScript;
  readonly extend: LuaScript;
}

/** What the scripts need of a record format. */
export interface ScriptedFormat {
  /** Names the scripts (`<name>-claim`...), for errors and the script cache. */
  name: string;
  /**
   * Lua source that defines `readRecord(value)`: the stored value's
   * `{ inProgress = <boolean>, expiry = <seconds>, lease = <ms or nil>, owner = <token or ''> }`,
   * or nil for a value of no record of this format, which the scripts never overwrite or delete,
   * only return, so that the layer raises a consistency error. It mirrors the format's decoder.
   */
  readRecord: string;
  /**
   * True when a stored record that expired or whose claim lapsed may be replaced only by a
   * caller holding the format's takeover lock (Powertools'): the claim script then answers 0
   * instead of writing, unless ARGV[4] is '1'.
   */
  lockedTakeover: boolean;
}

// Each script touches KEYS[1] only, so it runs on any cluster slot.

/**
 * The scripts of a format. Claim: KEYS[1] the record; ARGV[1] the INPROGRESS value, ARGV[2] its
 * TTL in ms, ARGV[3] the caller's clock in ms (so tests that fake Date move the script's "now"
 * too), ARGV[4] '1' when the caller holds the takeover lock. Writes when the key is absent, the
 * record expired, or its claim lapsed, and returns nil; otherwise returns the stored value
 * unchanged, foreign values included.
 *
 * Complete: KEYS[1] the record; ARGV[1] the COMPLETED value, ARGV[2] its TTL in ms, ARGV[3] the
 * claim's owner token ('' for none). Writes and returns 1 only when the stored record is ours;
 * returns nil when it vanished, else the stored value.
 *
 * Release: KEYS[1] the record; ARGV[1] the claim's owner token. Deletes only our own record;
 * returns 1 if it did.
 *
 * Extend (lease renewal): KEYS[1] the record; ARGV[1] the INPROGRESS value with the new
 * in-progress expiry, ARGV[2] its TTL in ms, ARGV[3] the claim's owner token. Writes and returns
 * 1 only while the stored record is our claim, still in progress; else like complete.
 */
export function recordScripts(format: ScriptedFormat): RecordScripts {
  const script = (name: string, body: string) => luaScript(`${format.name}-${name}`, `${format.readRecord}\n${body}`);
  return {
    claim: script(
      'claim',
      `
local current = redis.call('GET', KEYS[1])
if current then
  local record = readRecord(current)
  if not record then return current end
  local now = tonumber(ARGV[3])
  local expired = now >= record.expiry * 1000
  local lapsed = record.inProgress and record.lease ~= nil and now >= record.lease
  if not (expired or lapsed) then return current end${format.lockedTakeover ? "\n  if ARGV[4] ~= '1' then return 0 end" : ''}
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
`
    ),
    complete: script(
      'complete',
      `
local current = redis.call('GET', KEYS[1])
if not current then return false end
local record = readRecord(current)
if not record or record.owner ~= ARGV[3] then return current end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`
    ),
    release: script(
      'release',
      `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local record = readRecord(current)
if not record or record.owner ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`
    ),
    extend: script(
      'extend',
      `
local current = redis.call('GET', KEYS[1])
if not current then return false end
local record = readRecord(current)
if not record or not record.inProgress or record.owner ~= ARGV[3] then return current end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`
    ),
  };
}

/**
 * idem's format (record/recordFormat.ts): the first line of the value is a JSON array; only
 * format version 1 with a known status and an expiry is a record.
 */
export const idemRecordScripts = recordScripts({
  name: 'idem',
  lockedTakeover: false,
  readRecord: `
local function readRecord(value)
  local newline = string.find(value, '\\n', 1, true)
  local text = value
  if newline then text = string.sub(value, 1, newline - 1) end
  local ok, header = pcall(cjson.decode, text)
  if not ok or type(header) ~= 'table' or header[1] ~= 'idem' or header[2] ~= 1 then return nil end
  if (header[3] ~= 'I' and header[3] ~= 'C') or type(header[4]) ~= 'number' then return nil end
  local lease = header[5]
  if type(lease) ~= 'number' then lease = nil end
  local owner = header[6]
  if type(owner) ~= 'string' then owner = '' end
  return { inProgress = header[3] == 'I', expiry = header[4], lease = lease, owner = owner }
end
`,
});
