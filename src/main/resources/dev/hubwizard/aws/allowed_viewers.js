// Hub Wizard: a CloudFront function (viewer request, runtime cloudfront-js-2.0) that lets in only the address
// ranges the hub's settings allow ("who may reach the hub"); everyone else gets 403 before the hub is asked.
// The app fills in the ranges below; the rest never changes.
var ALLOWED = /*ALLOWED*/[];

function handler(event) {
    var ip = event.viewer.ip;
    for (var i = 0; i < ALLOWED.length; i++) {
        if (inRange(ip, ALLOWED[i])) {
            return event.request;
        }
    }
    return {
        statusCode: 403,
        statusDescription: 'Forbidden',
        headers: {'content-type': {value: 'text/plain; charset=utf-8'}, 'cache-control': {value: 'no-store'}},
        body: {
            encoding: 'text',
            data: 'This hub lets in only the addresses its owner chose, and yours (' + ip + ') is not one of them.\n'
        }
    };
}

// Whether the address is in the range (CIDR), compared 16 bits at a time.
function inRange(ip, cidr) {
    var slash = cidr.indexOf('/');
    var bits = parseInt(cidr.substring(slash + 1), 10);
    var address = words(ip);
    var range = words(cidr.substring(0, slash));
    if (address === null || range === null || address.length !== range.length) {
        return false;
    }
    for (var i = 0; i < address.length && bits > 0; i++) {
        var take = bits < 16 ? bits : 16;
        var mask = (0xFFFF << (16 - take)) & 0xFFFF;
        if ((address[i] & mask) !== (range[i] & mask)) {
            return false;
        }
        bits -= take;
    }
    return true;
}

// An address as 16-bit words: 2 for IPv4, 8 for IPv6; null when it is neither.
function words(address) {
    if (address.indexOf(':') < 0) {
        var octets = address.split('.');
        if (octets.length !== 4) {
            return null;
        }
        var v4 = [];
        for (var o = 0; o < 4; o += 2) {
            v4.push((parseInt(octets[o], 10) << 8) | parseInt(octets[o + 1], 10));
        }
        return v4;
    }
    var halves = address.split('::');
    var head = halves[0] ? halves[0].split(':') : [];
    var tail = halves.length > 1 && halves[1] ? halves[1].split(':') : [];
    if (tail.length > 0 && tail[tail.length - 1].indexOf('.') >= 0) {
        var mapped = words(tail.pop());
        tail.push(mapped[0].toString(16), mapped[1].toString(16));
    }
    var missing = 8 - head.length - tail.length;
    if (missing < 0 || (halves.length === 1 && missing !== 0)) {
        return null;
    }
    var v6 = [];
    var all = head.concat(new Array(missing + 1).join('0,').split(',').slice(0, missing), tail);
    for (var w = 0; w < 8; w++) {
        v6.push(parseInt(all[w] || '0', 16));
    }
    return v6;
}
