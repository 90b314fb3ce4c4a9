import { type RecordScripts, recordScripts } from './recordScripts.js';

/** The JSON fields the scripts read: the format's names for status, expiry, lease, hash and owner. */
export interface PowertoolsScriptFields {
  status: string;
  expiry: string;
  lease: string;
  validation: string;
  owner: string;
}

/**
 * The scripts over Powertools' record format (record/powertoolsFormat.ts), for one set of field
 * names: the value is a JSON object; it is a record when its status is INPROGRESS or COMPLETED,
 * its expiry a number, and its in-progress expiry, validation hash and owner token absent, null
 * or of their type. A stale record is replaced only under Powertools' takeover lock.
 */
export function powertoolsRecordScripts(fields: PowertoolsScriptFields): RecordScripts {
  const { status, expiry, lease, validation, owner } = fields;
  return recordScripts({
    name: 'powertools',
    lockedTakeover: true,
    readRecord: `
local STATUS, EXPIRY, LEASE, VALIDATION, OWNER = ${[status, expiry, lease, validation, owner].map(luaString).join(', ')}
local function optional(value, kind)
  if value == nil or value == cjson.null then return true, nil end
  return type(value) == kind, value
end
local function readRecord(value)
  local ok, item = pcall(cjson.decode, value)
  if not ok or type(item) ~= 'table' then return nil end
  local state, expiry = item[STATUS], item[EXPIRY]
  if (state ~= 'INPROGRESS' and state ~= 'COMPLETED') or type(expiry) ~= 'number' then return nil end
  local leaseOk, lease = optional(item[LEASE], 'number')
  local ownerOk, owner = optional(item[OWNER], 'string')
  local hashOk = optional(item[VALIDATION], 'string')
  if not (leaseOk and ownerOk and hashOk) then return nil end
  return { inProgress = state == 'INPROGRESS', expiry = expiry, lease = lease, owner = owner or '' }
end
`,
  });
}

/** A Lua string literal of any text: bytes other than letters, digits and _ as 3-digit decimal escapes. */
function luaString(text: string): string {
  const bytes = [...Buffer.from(text, 'utf8')];
  return `"${bytes.map((byte) => (/[A-Za-z0-9_]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `\\${String(byte).padStart(3, '0')}`)).join('')}"`;
}
