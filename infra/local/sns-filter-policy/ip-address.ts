import { invalidFilterPolicy } from './errors.js';

/** An address as its 4 (IPv4) or 16 (IPv6) bytes, most significant first. */
export type IpAddressBytes = readonly number[];

export interface IpRange {
  readonly lowest: IpAddressBytes;
  readonly highest: IpAddressBytes;
}

// SNS only treats text of these shapes as an IP address; anything else is a plain string, and
// the IPv6 shape deliberately leaves out dotted (IPv4-embedded) forms and zone ids.
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

function hasIpAddressShape(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

function parseIpv4(text: string): IpAddressBytes | undefined {
  const octets = text.split('.').map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

function parseIpv6Groups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  return groups.every((group) => IPV6_GROUP.test(group))
    ? groups.map((group) => Number.parseInt(group, 16))
    : undefined;
}

function parseIpv6(text: string): IpAddressBytes | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseIpv6Groups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseIpv6Groups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

/** The address's bytes, or `undefined` when the text is not an IPv4 or IPv6 literal. */
export function parseIpAddress(text: string): IpAddressBytes | undefined {
  if (IPV4_SHAPE.test(text)) return parseIpv4(text);
  if (IPV6_SHAPE.test(text)) return parseIpv6(text);
  return undefined;
}

function compareBytes(left: IpAddressBytes, right: IpAddressBytes): number {
  for (let index = 0; index < left.length; index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

export function ipRangeContains(range: IpRange, text: string): boolean {
  const address = parseIpAddress(text);
  return (
    address !== undefined &&
    address.length === range.lowest.length &&
    compareBytes(address, range.lowest) >= 0 &&
    compareBytes(address, range.highest) <= 0
  );
}

/**
 * The one-address range of an IP literal, or `undefined` for other text: SNS matches a policy
 * string that is an address by address, so `0:0::1` matches `::1`.
 */
export function singleAddressRange(text: string): IpRange | undefined {
  const address = parseIpAddress(text);
  return address === undefined ? undefined : { lowest: address, highest: address };
}

function parseMaskBits(text: string | undefined): number {
  const maskBits = Number(text);
  if (text === undefined || !/^[+-]?[0-9]+$/.test(text) || !Number.isSafeInteger(maskBits)) {
    throw invalidFilterPolicy('Malformed CIDR, mask bits must be an integer');
  }
  if (maskBits < 0) throw invalidFilterPolicy('Malformed CIDR, mask bits must not be negative');
  return maskBits;
}

function parseCidrBase(text: string): IpAddressBytes {
  if (!hasIpAddressShape(text)) throw invalidFilterPolicy(`Nonstandard IP address: ${text}`);
  const base = parseIpAddress(text);
  if (base === undefined) throw invalidFilterPolicy(`Invalid IP address: ${text}`);
  return base;
}

/**
 * The addresses a `cidr` pattern covers. As in SNS, the range starts at the address as written
 * (host bits are not cleared) and a mask of the full address width is refused.
 */
export function compileCidr(cidr: string): IpRange {
  const parts = cidr.split('/');
  while (parts.at(-1) === '') parts.pop();
  if (parts.length !== 2) throw invalidFilterPolicy("Malformed CIDR, one '/' required");
  const maskBits = parseMaskBits(parts[1]);
  const lowest = parseCidrBase(parts[0] ?? '');
  const width = lowest.length * 8;
  if (maskBits >= width) {
    throw invalidFilterPolicy(`${width === 32 ? 'IPv4' : 'IPv6'} mask bits must be < ${width}`);
  }
  const highest = lowest.map((byte, index) => {
    const hostBitsInByte = Math.min(8, Math.max(0, width - maskBits - (lowest.length - 1 - index) * 8));
    return byte | ((1 << hostBitsInByte) - 1);
  });
  return { lowest, highest };
}
