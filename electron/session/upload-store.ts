// Files a page uploaded to its host (`ackline serve`: streamed to a private temporary file),
// as a session sees them: taken once by id, then owned by the session that opened them and
// released (deleted) when it shows something else or ends.

export interface UploadedFile {
  /** The temporary file on the host. */
  readonly path: string;
  /** The name the page gave it (a final path component, safe to show). */
  readonly name: string;
  readonly size: number;
  /** Deletes the file; calling it again does nothing. */
  release(): Promise<void>;
}

export interface UploadStore {
  /** Hands the upload `id` over to the caller, once; undefined when there is no such upload. */
  take(id: string): UploadedFile | undefined;
}
