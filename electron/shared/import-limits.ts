/**
 * Limits of an import, shared by core (which reads the file) and the IPC contract (which bounds a
 * file dropped on the window and the names the user gives in the plan).
 */

/** A credentials file is a few KB: anything over this is the wrong file. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * A file dropped on the window crosses IPC as text, under the router's 1 MiB request limit; a
 * credentials file (even a Postman environment) is far smaller.
 */
export const MAX_DROPPED_FILE_BYTES = 512 * 1024;

/** The longest file name a dropped file may carry (a path component on every OS is at most 255). */
export const MAX_IMPORT_FILE_NAME = 255;

/** How many credentials of one import the user may rename in the plan. */
export const MAX_IMPORT_NAMES = 10_000;
