'use strict';
// Preload (node -r ./loopback-listen.js ...): every TCP server of this process listens on
// 127.0.0.1 only. The M365 Agents Playground has no option for its listen address and would
// otherwise listen on all interfaces, unauthenticated. Unix-socket and handle listens are untouched.
const net = require('net');

const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function loopbackListen(...args) {
    const first = args[0];
    if (first === undefined || typeof first === 'function') {
        args.unshift(0, LOOPBACK);                        // listen([cb]): any port
    } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
        if (typeof args[1] === 'string') args[1] = LOOPBACK;  // listen(port, host, ...)
        else args.splice(1, 0, LOOPBACK);                     // listen(port[, backlog][, cb])
    } else if (first && typeof first === 'object' && first.path === undefined && first.fd === undefined &&
               first.handle === undefined && !(first instanceof net.Server) && !('_handle' in first)) {
        args[0] = { ...first, host: LOOPBACK, ipv6Only: false };  // listen({port, host?, ...})
    }
    return listen.apply(this, args);
};
