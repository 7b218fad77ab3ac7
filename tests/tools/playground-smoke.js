#!/usr/bin/env node
'use strict';
// Drives a running M365 Agents Playground without a person (scripts/playground --smoke):
// types messages into its personal chat through its HTTP API and reads the bot's replies
// from its WebSocket stream. Node built-ins only (Node 18+).
//
//   node playground-smoke.js --playground http://127.0.0.1:56150 \
//        --send 'lead add Ada Lovelace, Analytical Engines' --send 'L-1' --expect 'Ada Lovelace'
//
// Every --send waits for the bot's reply (the activity it sends back in that chat) before
// the next one. Exit 0 when the reply to the LAST message contains every --expect text
// (case-sensitive), 1 when it does not, 2 on errors (no reply within --timeout seconds, API
// failures). --dump prints every frame of the stream.
//
// The Playground's API (0.2.x): GET /_internal/v1/testConfig (ids of the user and chats),
// POST /_conversation/v1/conversations/<chatId>/messages {from:{id}, text, textFormat} types
// a message, GET /_ws_conversation/v1/conversations/stream (WebSocket) carries what the bot sends.
const http = require('http');
const crypto = require('crypto');

function parseArgs(argv) {
    const o = { playground: 'http://127.0.0.1:56150', send: [], expect: [], timeout: 30, dump: false };
    for (let i = 2; i < argv.length; i++) {
        const a = argv[i];
        const next = () => {
            if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
            return argv[++i];
        };
        if (a === '--playground') o.playground = next();
        else if (a === '--send') o.send.push(next());
        else if (a === '--expect') o.expect.push(next());
        else if (a === '--timeout') o.timeout = Number(next());
        else if (a === '--dump') o.dump = true;
        else throw new Error(`unknown argument ${a}`);
    }
    if (o.send.length === 0) throw new Error('nothing to --send');
    return o;
}

function request(base, method, path, body) {
    return new Promise((resolve, reject) => {
        const url = new URL(path, base);
        const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
        const req = http.request(url, {
            method,
            headers: data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {},
        }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => {
                const text = Buffer.concat(chunks).toString('utf8');
                if (res.statusCode < 200 || res.statusCode > 299) {
                    return reject(new Error(`${method} ${path} answered ${res.statusCode}: ${text.slice(0, 300)}`));
                }
                try {
                    resolve(text ? JSON.parse(text) : null);
                } catch (e) {
                    reject(new Error(`${method} ${path}: not JSON: ${text.slice(0, 300)}`));
                }
            });
        });
        req.on('error', reject);
        req.setTimeout(10000, () => req.destroy(new Error(`${method} ${path} timed out`)));
        if (data) req.write(data);
        req.end();
    });
}

// A minimal RFC 6455 client: text frames in, nothing but pongs and a close out.
function openWebSocket(base, path, onText) {
    return new Promise((resolve, reject) => {
        const url = new URL(path, base);
        const key = crypto.randomBytes(16).toString('base64');
        const req = http.request(url, {
            headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': key },
        });
        req.on('response', (res) => reject(new Error(`WebSocket ${path}: HTTP ${res.statusCode} instead of an upgrade`)));
        req.on('error', reject);
        req.on('upgrade', (res, socket, head) => {
            const accept = crypto.createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
            if (res.headers['sec-websocket-accept'] !== accept) {
                socket.destroy();
                return reject(new Error(`WebSocket ${path}: bad Sec-WebSocket-Accept`));
            }
            let buf = head && head.length ? Buffer.from(head) : Buffer.alloc(0);
            let message = [];
            const send = (opcode, payload) => {  // client frames must be masked
                const mask = crypto.randomBytes(4);
                const masked = Buffer.from(payload);
                for (let i = 0; i < masked.length; i++) masked[i] ^= mask[i % 4];
                const header = masked.length < 126 ? Buffer.from([0x80 | opcode, 0x80 | masked.length])
                    : Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | 126]), Buffer.from([masked.length >> 8, masked.length & 255])]);
                socket.write(Buffer.concat([header, mask, masked]));
            };
            const parse = () => {
                for (;;) {
                    if (buf.length < 2) return;
                    const fin = (buf[0] & 0x80) !== 0;
                    const opcode = buf[0] & 0x0f;
                    const masked = (buf[1] & 0x80) !== 0;
                    let len = buf[1] & 0x7f;
                    let off = 2;
                    if (len === 126) {
                        if (buf.length < 4) return;
                        len = buf.readUInt16BE(2);
                        off = 4;
                    } else if (len === 127) {
                        if (buf.length < 10) return;
                        len = Number(buf.readBigUInt64BE(2));
                        off = 10;
                    }
                    const maskKey = masked ? buf.subarray(off, off + 4) : null;
                    if (masked) off += 4;
                    if (buf.length < off + len) return;
                    const payload = Buffer.from(buf.subarray(off, off + len));
                    if (maskKey) for (let i = 0; i < payload.length; i++) payload[i] ^= maskKey[i % 4];
                    buf = buf.subarray(off + len);
                    if (opcode === 0x9) send(0xa, payload);                  // ping -> pong
                    else if (opcode === 0x8) socket.end();                   // close
                    else if (opcode === 0x1 || opcode === 0x0) {
                        message.push(payload);
                        if (fin) {
                            onText(Buffer.concat(message).toString('utf8'));
                            message = [];
                        }
                    }
                }
            };
            socket.on('data', (d) => {
                buf = Buffer.concat([buf, d]);
                parse();
            });
            socket.on('error', () => {});
            parse();
            resolve({ close: () => { try { send(0x8, Buffer.from([0x03, 0xe8])); } catch (e) { /* gone */ } socket.end(); } });
        });
        req.end();
    });
}

// Messages in a stream frame. The Playground (0.2.x) sends
// {"action":"createMessage","actionConversationId":<chat>,"message":{messageId,timestamp,from,text,attachments...}};
// on connect it replays the chat so far.
function messagesIn(frame) {
    if (!frame || typeof frame !== 'object' || !frame.message || typeof frame.message !== 'object') return [];
    if (frame.action !== 'createMessage') return [];
    return [{ ...frame.message, conversationId: frame.actionConversationId }];
}

// All the text of an activity: its text and any card text, so a card reply counts too.
function textOf(activity) {
    const parts = [activity.text || ''];
    for (const a of activity.attachments || []) parts.push(JSON.stringify(a.content || ''));
    return parts.join('\n');
}

async function main() {
    const o = parseArgs(process.argv);
    const base = o.playground.endsWith('/') ? o.playground : `${o.playground}/`;
    const { config } = await request(base, 'GET', '_internal/v1/testConfig');
    const user = config.currentUser;
    const chat = config.personalChat.id;
    const botId = config.bot.id;
    console.log(`playground-smoke: user ${user.id} (${user.name}), personal chat ${chat}, bot ${botId}`);

    const received = [];
    let wake = () => {};
    const ws = await openWebSocket(base, '_ws_conversation/v1/conversations/stream', (text) => {
        if (o.dump) console.log(`stream: ${text}`);
        let frame;
        try {
            frame = JSON.parse(text);
        } catch (e) {
            return;
        }
        for (const m of messagesIn(frame)) {
            if (!m.from || m.from.id !== botId || (m.conversationId && m.conversationId !== chat)) continue;
            received.push(m);
        }
        wake();
    });
    // Let the replay of earlier messages arrive: only what comes after a --send can be its reply.
    await new Promise((resolve) => setTimeout(resolve, 500));

    let last = null;
    try {
        for (const text of o.send) {
            const seen = received.length;
            const sent = await request(base, 'POST', `_conversation/v1/conversations/${encodeURIComponent(chat)}/messages`,
                { from: { id: user.id }, text, textFormat: 'plain' });
            console.log(`> ${text}    (message id ${sent && sent.messageId})`);
            const deadline = Date.now() + o.timeout * 1000;
            // The bot's reply: its first message in the chat after ours.
            const after = sent && Number.isFinite(Number(sent.timestamp)) ? Number(sent.timestamp) : 0;
            const reply = () => received.slice(seen).find((m) => !(Number(m.timestamp) < after)) || null;
            while (!reply()) {
                const left = deadline - Date.now();
                if (left <= 0) throw new Error(`no reply from the bot to "${text}" within ${o.timeout} s`);
                await new Promise((resolve) => {
                    wake = resolve;
                    setTimeout(resolve, Math.min(left, 250));
                });
            }
            last = reply();
            console.log(`< ${textOf(last).replace(/\n+/g, ' | ')}`);
        }
    } finally {
        ws.close();
    }
    const missing = o.expect.filter((e) => !textOf(last).includes(e));
    if (missing.length) {
        console.log(`playground-smoke: FAIL: the reply to "${o.send[o.send.length - 1]}" does not mention ${missing.map((m) => `"${m}"`).join(', ')}`);
        return 1;
    }
    console.log(`playground-smoke: OK${o.expect.length ? `: the reply mentions ${o.expect.map((m) => `"${m}"`).join(', ')}` : ''}`);
    return 0;
}

main().then((code) => process.exit(code), (e) => {
    console.error(`playground-smoke: error: ${e.message}`);
    process.exit(2);
});
