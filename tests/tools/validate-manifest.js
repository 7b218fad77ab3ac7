#!/usr/bin/env node
// Checks an unzipped Teams app package offline with Microsoft's own tooling
// (@microsoft/app-manifest 1.1.2, which bundles the Teams manifest JSON schemas).
//   node validate-manifest.js <directory holding the package's files>
// - manifest.json against the bundled MicrosoftTeams.schema.json of its
//   manifestVersion, with AppManifestUtils.validateAgainstSchema(manifest, schema)
//   (given the schema object it never downloads anything);
// - each localization file (localizationInfo) against the bundled
//   MicrosoftTeams.Localization.schema.json of the same version;
// - the icons, which the schema cannot check: PNG signature and IHDR, color
//   192x192, outline 32x32 RGBA (colour type 6) whose pixels are all white or fully
//   transparent (decoded with zlib: 8-bit, non-interlaced, any row filter).
// Exit 1 with one line per problem; nothing is skipped.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SCHEMAS = path.join(__dirname, 'node_modules/@microsoft/app-manifest/build/json-schemas/teams');
const SCHEMA_URL = (v, file) => `https://developer.microsoft.com/json-schemas/teams/v${v}/${file}`;

const problems = [];
const fail = (where, message) => problems.push(`${where}: ${message}`);

function readJson(file) {
  const text = fs.readFileSync(file, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) fail(path.basename(file), 'starts with a byte order mark');
  return JSON.parse(text);
}

// ---- PNG --------------------------------------------------------------------

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

// { width, height, bitDepth, colorType, interlace, pixels? } with pixels as RGBA
// rows when the image is 8-bit RGBA and not interlaced.
function readPng(buf, where) {
  const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(SIGNATURE)) {
    fail(where, 'not a PNG (bad signature)');
    return null;
  }
  if (buf.toString('latin1', 12, 16) !== 'IHDR') {
    fail(where, 'the first chunk is not IHDR');
    return null;
  }
  const png = {
    width: buf.readUInt32BE(16), height: buf.readUInt32BE(20),
    bitDepth: buf[24], colorType: buf[25], interlace: buf[28],
  };
  const idat = [];
  for (let at = 8; at + 8 <= buf.length;) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > buf.length) { fail(where, `chunk ${type} runs past the end`); return null; }
    const crc = zlib.crc32 ? zlib.crc32(buf.subarray(at + 4, at + 8 + length)) : null;
    if (crc !== null && crc >>> 0 !== buf.readUInt32BE(at + 8 + length)) fail(where, `bad CRC in chunk ${type}`);
    if (type === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at = end;
  }
  if (png.bitDepth !== 8 || png.colorType !== 6 || png.interlace !== 0) return png;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = png.width * 4;
  if (raw.length !== png.height * (stride + 1)) { fail(where, 'image data has the wrong size'); return png; }
  const rows = [];
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < png.height; ++y) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; ++i) {
      const a = i >= 4 ? line[i - 4] : 0;
      const b = prev[i];
      const c = i >= 4 ? prev[i - 4] : 0;
      const add = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (add === undefined) { fail(where, `unknown row filter ${filter}`); return png; }
      line[i] = (line[i] + add) & 0xff;
    }
    rows.push(line);
    prev = line;
  }
  png.pixels = rows;
  return png;
}

function checkIcons(dir, manifest) {
  const icons = manifest.icons || {};
  const expect = { color: 192, outline: 32 };
  for (const [kind, size] of Object.entries(expect)) {
    const name = icons[kind];
    const where = `${name} (icons.${kind})`;
    if (typeof name !== 'string' || !fs.existsSync(path.join(dir, name))) { fail(where, 'missing from the package'); continue; }
    const png = readPng(fs.readFileSync(path.join(dir, name)), where);
    if (!png) continue;
    if (png.width !== size || png.height !== size) fail(where, `is ${png.width}x${png.height}, must be ${size}x${size}`);
    if (kind !== 'outline') continue;
    if (png.colorType !== 6) { fail(where, `colour type ${png.colorType}: the outline icon needs an alpha channel (RGBA, type 6)`); continue; }
    if (!png.pixels) { fail(where, `cannot check its pixels (bit depth ${png.bitDepth}, interlace ${png.interlace}); use 8-bit non-interlaced RGBA`); continue; }
    let bad = 0;
    let first = '';
    let opaque = 0;
    png.pixels.forEach((row, y) => {
      for (let x = 0; x < png.width; ++x) {
        const [r, g, b, a] = row.subarray(x * 4, x * 4 + 4);
        if (a === 0) continue;
        ++opaque;
        if (r !== 255 || g !== 255 || b !== 255) { if (!bad++) first = `(${x},${y}) is rgba(${r},${g},${b},${a})`; }
      }
    });
    if (bad) fail(where, `${bad} pixel(s) neither white nor fully transparent, first ${first}`);
    if (!opaque) fail(where, 'is fully transparent');
  }
}

// ---- schemas ----------------------------------------------------------------

// ajv compiles patterns with the "u" flag, under which a "]" outside a character
// class is a syntax error; the bundled v1.29 localization schema has one
// ("activities.activityTypes\[\b(...)\b]\.description"), so
// validateAgainstSchema throws on it as shipped. Escaping such a "]" changes nothing
// in what the pattern matches (without "u" it already means a literal "]").
// Returns the schema with those patterns fixed, and the list of fixes.
function unicodeSafe(schema) {
  const fixes = [];
  const fix = (pattern) => {
    try { new RegExp(pattern, 'u'); return pattern; } catch { /* fix below */ }
    let out = '';
    let inClass = false;
    for (let i = 0; i < pattern.length; ++i) {
      const c = pattern[i];
      if (c === '\\') { out += c + (pattern[++i] ?? ''); continue; }
      if (c === '[' && !inClass) inClass = true;
      else if (c === ']' && inClass) inClass = false;
      else if (c === ']') { out += '\\]'; continue; }
      out += c;
    }
    new RegExp(out, 'u'); // still broken: let validateAgainstSchema report it
    fixes.push(pattern);
    return out;
  };
  const walk = (node) => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') out[key] = fix(value);
      else if (key === 'patternProperties' && value && typeof value === 'object') {
        out[key] = Object.fromEntries(Object.entries(value).map(([p, v]) => [fix(p), walk(v)]));
      } else out[key] = walk(value);
    }
    return out;
  };
  return [walk(schema), fixes];
}

function loadSchema(file) {
  const [schema, fixes] = unicodeSafe(readJson(file));
  for (const p of fixes) console.log(`note: ${path.relative(SCHEMAS, file)}: pattern ${p} is invalid with the u flag; checked with its lone "]" escaped`);
  return schema;
}

async function main() {
  const dir = process.argv[2];
  if (!dir) { console.error('usage: node validate-manifest.js <unzipped package directory>'); process.exit(2); }
  let AppManifestUtils;
  try {
    ({ AppManifestUtils } = require('@microsoft/app-manifest'));
  } catch (e) {
    console.error(`FAIL: cannot load @microsoft/app-manifest (run npm ci in tests/tools): ${e.message}`);
    process.exit(1);
  }
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) { console.error('FAIL: no manifest.json at the root of the package'); process.exit(1); }
  const manifest = readJson(manifestFile);
  const version = manifest.manifestVersion;
  const schemaDir = path.join(SCHEMAS, `v${version}`);
  const schemaFile = path.join(schemaDir, 'MicrosoftTeams.schema.json');
  if (!fs.existsSync(schemaFile)) {
    console.error(`FAIL: @microsoft/app-manifest bundles no schema for manifestVersion ${JSON.stringify(version)} (${schemaFile})`);
    process.exit(1);
  }
  if (manifest.$schema !== SCHEMA_URL(version, 'MicrosoftTeams.schema.json')) {
    fail('manifest.json', `$schema is ${JSON.stringify(manifest.$schema)}, expected ${SCHEMA_URL(version, 'MicrosoftTeams.schema.json')}`);
  }
  for (const e of await AppManifestUtils.validateAgainstSchema(manifest, loadSchema(schemaFile))) fail('manifest.json', e);

  const info = manifest.localizationInfo || {};
  const files = (info.additionalLanguages || []).map((l) => l.file);
  if (info.defaultLanguageFile) files.push(info.defaultLanguageFile);
  const localizationSchemaFile = path.join(schemaDir, 'MicrosoftTeams.Localization.schema.json');
  if (files.length && !fs.existsSync(localizationSchemaFile)) fail('localizationInfo', `no bundled ${localizationSchemaFile}`);
  const localizationSchema = files.length && fs.existsSync(localizationSchemaFile) ? loadSchema(localizationSchemaFile) : null;
  for (const name of files) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) { fail(name, 'referenced by localizationInfo but missing from the package'); continue; }
    const strings = readJson(file);
    const expected = SCHEMA_URL(version, 'MicrosoftTeams.Localization.schema.json');
    if (strings.$schema !== expected) fail(name, `$schema is ${JSON.stringify(strings.$schema)}, expected ${expected}`);
    if (localizationSchema) {
      for (const e of await AppManifestUtils.validateAgainstSchema(strings, localizationSchema)) fail(name, e);
    }
  }

  checkIcons(dir, manifest);

  if (problems.length) {
    for (const p of problems) console.error(`FAIL: ${p}`);
    process.exit(1);
  }
  console.log(`ok: manifest.json (schema v${version}), ${files.length} localization file(s) and both icons are valid`);
}

main().catch((e) => { console.error(`FAIL: ${e.stack || e}`); process.exit(1); });
