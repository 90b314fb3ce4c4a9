import { luaScript } from './LuaScript.js';

// Each script touches KEYS[1] only, so it runs on any cluster slot. The header decoder mirrors
// record/recordFormat.ts: it reads the first line of the value as a JSON array and accepts only
// format version 1 with a known status and an expiry; anything else is "not ours" and is never
// overwritten or deleted, only returned so that the layer raises a consistency error.
const readHeader = `
local function readHeader(value)
  local newline = string.find(value, '\\n', 1, true)
  local text = value
  if newline then text = string.sub(value, 1, newline - 1) end
  local ok, header = pcall(cjson.decode, text)
  if not ok or type(header) ~= 'table' or header[1] ~= 'idem' or header[2] ~= 1 then return nil end
  if (header[3] ~= 'I' and header[3] ~= 'C') or type(header[4]) ~= 'number' then return nil end
  return header
end
local function ownerOf(header)
  if type(header[6]) == 'string' then return header[6] end
  return ''
end
`;

/**
 * Claim. KEYS[1] the record; ARGV[1] the INPROGRESS value, ARGV[2] its TTL in ms, ARGV[3] the
 * caller's clock in ms (so tests that fake Date move the script's "now" too).
 * Writes when the key is absent, the record expired, or its claim lapsed, and returns nil;
 * otherwise returns the stored value unchanged, foreign values included.
 */
export const claimScript = luaScript(
  'claim',
  `${readHeader}
local current = redis.call('GET', KEYS[1])
if current then
  local header = readHeader(current)
  if not header then return current end
  local now = tonumber(ARGV[3])
  local expired = now >= header[4] * 1000
  local lapsed = header[3] == 'I' and type(header[5]) == 'number' and now >= header[5]
  if not (expired or lapsed) then return current end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
`
);

/**
 * Complete. KEYS[1] the record; ARGV[1] the COMPLETED value, ARGV[2] its TTL in ms, ARGV[3] the
 * claim's owner token ('' for none). Writes and returns 1 only when the stored record is ours;
 * returns nil when it vanished, else the stored value.
 */
export const completeScript = luaScript(
  'complete',
  `${readHeader}
local current = redis.call('GET', KEYS[1])
if not current then return false end
local header = readHeader(current)
if not header or ownerOf(header) ~= ARGV[3] then return current end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`
);

/** Release. KEYS[1] the record; ARGV[1] the claim's owner token. Deletes only our own record; returns 1 if it did. */
export const releaseScript = luaScript(
  'release',
  `${readHeader}
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local header = readHeader(current)
if not header or ownerOf(header) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`
);

/**
 * Extend (lease renewal). KEYS[1] the record; ARGV[1] the INPROGRESS value with the new
 * in-progress expiry, ARGV[2] its TTL in ms, ARGV[3] the claim's owner token. Writes and returns
 * 1 only while the stored record is our claim, still in progress; else like complete.
 */
export const extendScript = luaScript(
  'extend',
  `${readHeader}
local current = redis.call('GET', KEYS[1])
if not current then return false end
local header = readHeader(current)
if not header or header[3] ~= 'I' or ownerOf(header) ~= ARGV[3] then return current end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`
);
