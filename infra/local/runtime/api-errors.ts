/** An error a local AWS endpoint answers with: HTTP status, the service's error code, its message. */
export class LocalApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}
