/**
 * Sends closed subsegments to the X-Ray daemon over UDP, as the X-Ray SDK does in Lambda. Sending
 * never throws: what fails is reported to the warning listener, since tracing must not fail a call.
 */
import type { Socket } from 'node:dgram';
import type { Subsegment } from './subsegment.js';

const PROTOCOL_HEADER = '{"format":"json","version":1}\n';
const DEFAULT_DAEMON = { address: '127.0.0.1', port: 2000 };

/** `AWS_XRAY_DAEMON_ADDRESS`: `host:port`, or `udp:host:port tcp:host:port`. */
export const daemonAddress = (
  value = process.env.AWS_XRAY_DAEMON_ADDRESS,
): { address: string; port: number } => {
  const parts = (value ?? '').trim().split(/\s+/);
  const udp =
    parts.find((part) => part.startsWith('udp:'))?.slice(4) ?? parts.find((part) => !part.includes('tcp:'));
  const at = udp?.lastIndexOf(':') ?? -1;
  const port = Number(udp?.slice(at + 1));
  if (!udp || at <= 0 || !Number.isInteger(port) || port <= 0) return DEFAULT_DAEMON;
  return { address: udp.slice(0, at), port };
};

let socket: Socket | undefined;
let warn: (message: string, error: Error) => void = () => undefined;

export const reportDaemonWarningsTo = (listener: (message: string, error: Error) => void): void => {
  warn = listener;
};

/** The daemon's socket, opened by the first traced invocation (not when the function loads). */
export const openDaemonSocket = async (): Promise<void> => {
  if (socket) return;
  const { createSocket } = await import('node:dgram');
  if (socket) return;
  socket = createSocket('udp4').unref();
  socket.on('error', (error) => warn('X-Ray daemon socket failed', error));
};

export const sendToDaemon = (subsegment: Subsegment): void => {
  if (!socket) return;
  const { address, port } = daemonAddress();
  const message = Buffer.from(PROTOCOL_HEADER + JSON.stringify(subsegment));
  socket.send(message, port, address, (error) => {
    if (error) warn(`Subsegment ${subsegment.name} could not be sent to the X-Ray daemon`, error);
  });
};
