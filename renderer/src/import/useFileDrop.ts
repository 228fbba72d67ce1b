import { useEffect, useRef, useState } from 'react';
import { MAX_DROPPED_FILE_BYTES } from '../../../electron/shared/import-limits';

/** A file dropped on the window, read as text: main never reads a path the renderer names. */
export interface DroppedFile {
  fileName: string;
  content: string;
}

export type DropResult = { ok: true; file: DroppedFile } | { ok: false; message: string };

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file);
  });
}

/** Refuses before reading what no credentials file is: several files at once, or megabytes. */
export async function readDropped(files: FileList | readonly File[]): Promise<DropResult> {
  if (files.length !== 1) return { ok: false, message: `Drop one credentials file at a time (${files.length} were dropped)` };
  const file = files[0]!;
  if (file.size > MAX_DROPPED_FILE_BYTES) {
    return { ok: false, message: `"${file.name}" is ${Math.ceil(file.size / 1024)} KiB; a credentials file is a few KB: check that this is the right file` };
  }
  try {
    return { ok: true, file: { fileName: file.name || 'dropped file', content: await readText(file) } };
  } catch {
    return { ok: false, message: `"${file.name}" could not be read` };
  }
}

/**
 * Files dragged over any part of the window: `dragging` while they hover (for the overlay), and
 * `onDrop` with the one file read. Every file drag is taken, so a drop never reaches the browser's
 * default (which would try to open the file in the window).
 */
export function useFileDrop(onDrop: (result: DropResult) => void, enabled = true): boolean {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const latest = useRef(onDrop);
  latest.current = onDrop;

  useEffect(() => {
    if (!enabled) return;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    // dragenter/dragleave fire for every child crossed: only the last leave means the window was left.
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      const files = e.dataTransfer?.files;
      if (files) void readDropped(files).then((r) => latest.current(r));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [enabled]);

  return dragging;
}
