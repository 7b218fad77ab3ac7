'use strict';
// Minimal Bot Framework channel stand-in for `scripts/bench bot` when the peer harness
// (../shared/peers) is not there. Node built-ins only; loopback only.
//
//   GET  /v1/.well-known/openidconfiguration   OpenID metadata (issuer, jwks_uri)
//   GET  /v1/.well-known/keys                   JWKS: one fresh RSA-2048 key, endorsed for msteams
//   GET  /token?aud=APP_ID&serviceurl=URL       a channel->bot RS256 JWT, valid one hour (text/plain)
//   POST /<anything>/oauth2/v2.0/token          client-credentials answer for the bot's outbound token
//
// env: PORT (3980), APP_ID, SERVICE_URL (serviceurl claim of the default token), STATE_DIR
// (writes STATE_DIR/token and STATE_DIR/ready = "<pid>" once listening).
const http = require('http');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const PORT = Number(process.env.PORT || 3980);
const BASE = `http://127.0.0.1:${PORT}`;
const APP_ID = process.env.APP_ID || '00000000-0000-0000-0000-00000000b07a';
const SERVICE_URL = process.env.SERVICE_URL || 'http://127.0.0.1:3981/';
const STATE_DIR = process.env.STATE_DIR || '.';
const ISSUER = 'https://api.botframework.com';

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const pub = publicKey.export({ format: 'jwk' });
const kid = crypto.randomBytes(12).toString('base64url');

const enc = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
function jwt(claims) {
    const unsigned = `${enc({ alg: 'RS256', typ: 'JWT', kid })}.${enc(claims)}`;
    return `${unsigned}.${crypto.sign('sha256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}
function channelToken(aud, serviceUrl) {
    const now = Math.floor(Date.now() / 1000);
    return jwt({ iss: ISSUER, aud, serviceurl: serviceUrl, nbf: now - 10, exp: now + 3600 });
}

function reply(res, status, body, type = 'application/json') {
    const data = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': data.length });
    res.end(data);
}

const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
        const url = new URL(req.url, BASE);
        if (req.method === 'GET' && url.pathname === '/v1/.well-known/openidconfiguration') {
            return reply(res, 200, { issuer: ISSUER, jwks_uri: `${BASE}/v1/.well-known/keys`,
                                     id_token_signing_alg_values_supported: ['RS256'] });
        }
        if (req.method === 'GET' && url.pathname === '/v1/.well-known/keys') {
            return reply(res, 200, { keys: [{ kty: 'RSA', use: 'sig', kid, n: pub.n, e: pub.e, endorsements: ['msteams'] }] });
        }
        if (req.method === 'GET' && url.pathname === '/token') {
            return reply(res, 200, channelToken(url.searchParams.get('aud') || APP_ID,
                                                url.searchParams.get('serviceurl') || SERVICE_URL), 'text/plain');
        }
        if (req.method === 'POST' && /\/oauth2\/v2\.0\/token$/.test(url.pathname)) {
            const now = Math.floor(Date.now() / 1000);
            const token = jwt({ iss: 'https://login.local/', aud: ISSUER, appid: APP_ID, iat: now, exp: now + 3600 });
            return reply(res, 200, { token_type: 'Bearer', expires_in: 3600, access_token: token });
        }
        reply(res, 404, { error: 'not found' });
    });
});
server.keepAliveTimeout = 65000;
server.listen(PORT, '127.0.0.1', () => {
    fs.writeFileSync(path.join(STATE_DIR, 'token'), channelToken(APP_ID, SERVICE_URL));
    fs.writeFileSync(path.join(STATE_DIR, 'ready'), `${process.pid}\n`);
    process.stderr.write(`mock_channel: ${BASE} app=${APP_ID}\n`);
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
