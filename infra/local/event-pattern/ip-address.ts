import { invalidPattern } from './errors.js';

/** An inclusive range of addresses of one family (4 bytes for IPv4, 16 for IPv6). */
export interface IpRange {
  readonly bottom: readonly number[];
  readonly top: readonly number[];
}

// event-ruler screens text with these shapes before asking Java to parse it as an address, so
// anything else (host names, IPv4-in-IPv6 notation) is never treated as an address.
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;
const IPV4_MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

type AddressParse = { bytes: number[] } | { failure: string };

const parseIpv4 = (text: string): number[] | undefined => {
  const octets = text.split('.').map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
};

const parseGroups = (text: string): number[] | undefined => {
  if (text === '') return [];
  const groups = text.split(':');
  return groups.every((group) => IPV6_GROUP.test(group))
    ? groups.map((group) => Number.parseInt(group, 16))
    : undefined;
};

const parseIpv6 = (text: string): number[] | undefined => {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '');
  const tail = parseGroups(halves[1] ?? '');
  if (!head || !tail) return undefined;
  const compressed = halves.length === 2;
  const missing = 8 - head.length - tail.length;
  if (compressed ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = groups.flatMap((group) => [group >> 8, group & 0xff]);
  // Java's InetAddress turns an IPv4-mapped IPv6 address into the plain IPv4 address.
  const isIpv4Mapped = IPV4_MAPPED_PREFIX.every((byte, index) => bytes[index] === byte);
  return isIpv4Mapped ? bytes.slice(IPV4_MAPPED_PREFIX.length) : bytes;
};

const parseAddress = (text: string): AddressParse => {
  const isIpv4 = IPV4_SHAPE.test(text);
  if (!isIpv4 && !IPV6_SHAPE.test(text)) return { failure: `Nonstandard IP address: ${text}` };
  const bytes = isIpv4 ? parseIpv4(text) : parseIpv6(text);
  return bytes ? { bytes } : { failure: `Invalid IP address: ${text}` };
};

/** The address bytes of an IPv4 or IPv6 literal, or undefined when the text is not one. */
export const ipAddressBytes = (text: string): number[] | undefined => {
  const parsed = parseAddress(text);
  return 'bytes' in parsed ? parsed.bytes : undefined;
};

/** A string value in a pattern that is an IP address matches that address in any spelling. */
export const singleAddressRange = (text: string): IpRange | undefined => {
  const bytes = ipAddressBytes(text);
  return bytes && { bottom: bytes, top: bytes };
};

const JAVA_INTEGER = /^[+-]?\d+$/;
const MAX_JAVA_INTEGER = 2 ** 31 - 1;

const parseMaskBits = (text: string): number => {
  const bits = JAVA_INTEGER.test(text) ? Number(text) : Number.NaN;
  if (Number.isNaN(bits) || Math.abs(bits) > MAX_JAVA_INTEGER) {
    return invalidPattern('Malformed CIDR, mask bits must be an integer');
  }
  if (bits < 0) return invalidPattern('Malformed CIDR, mask bits must not be negative');
  return bits;
};

/**
 * The range a `cidr` pattern covers. As in event-ruler, the range starts at the address as
 * written (host bits are not cleared) and ends with every host bit set; /32 and /128 are refused.
 */
export const parseCidr = (text: string): IpRange => {
  const pieces = text.split('/');
  // Java's String.split drops trailing empty strings, so "10.0.0.0/" has one piece, not two.
  while (pieces.at(-1) === '') pieces.pop();
  const [addressText, maskText] = pieces;
  if (pieces.length !== 2 || addressText === undefined || maskText === undefined) {
    return invalidPattern("Malformed CIDR, one '/' required");
  }
  const maskBits = parseMaskBits(maskText);
  const parsed = parseAddress(addressText);
  if ('failure' in parsed) return invalidPattern(parsed.failure);
  const bottom = parsed.bytes;
  const totalBits = bottom.length * 8;
  if (maskBits >= totalBits) {
    return invalidPattern(
      bottom.length === 4 ? 'IPv4 mask bits must be < 32' : 'IPv6 mask bits must be < 128',
    );
  }
  const top = bottom.map((byte, index) => {
    const hostBitsInByte = Math.min(8, Math.max(0, totalBits - maskBits - (bottom.length - 1 - index) * 8));
    return byte | ((1 << hostBitsInByte) - 1);
  });
  return { bottom, top };
};

const compareBytes = (left: readonly number[], right: readonly number[]): number => {
  for (let index = 0; index < left.length; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
};

export const isInRange = (range: IpRange, address: readonly number[]): boolean =>
  address.length === range.bottom.length &&
  compareBytes(range.bottom, address) <= 0 &&
  compareBytes(address, range.top) <= 0;
