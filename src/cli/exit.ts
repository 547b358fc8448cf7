/** The exit codes, in one place: 0 built, 1 content/template/output errors, 2 usage, 70 internal (sysexits' EX_SOFTWARE), 128+signal. */
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 70, sigint: 130, sigterm: 143 } as const;
