import { pools as P } from '../pools.ts';
import type { Rng } from '../prng.ts';
import { INT, NUM, TEXT, choice, dashSuffix, digits, exact, gen, hex, int, logInt, maxLen, pick, pool, snake, type ColumnFacts, type Rule } from './kit.ts';

// Files: names, paths, download URLs, MIME types, extensions, sizes in bytes, image dimensions,
// storage buckets, encodings.

function fileName(r: Rng): string {
  return `${pick(r, P.fileStems)}-${r.int(2021, 2025)}-${digits(r, 4)}.${pick(r, P.fileExtensions)}`;
}

function fitName(f: ColumnFacts, make: (r: Rng) => string) {
  const max = maxLen(f);
  return gen((r) => {
    const s = make(r);
    if (s.length <= max) return s;
    const short = `${hex(r, Math.max(1, max - 4))}.pdf`;
    return short.length <= max ? short : hex(r, max);
  }, dashSuffix);
}

function sizeBytes(f: ColumnFacts) {
  const n = snake(f.column.name);
  if (/_kb$|kilobytes/.test(n)) return logInt(f, 1, 50_000);
  if (/_mb$|megabytes/.test(n)) return logInt(f, 1, 2_000);
  if (/_gb$|gigabytes/.test(n)) return logInt(f, 1, 500);
  return logInt(f, 1_024, 50_000_000);
}

export const fileRules: Rule[] = [
  {
    id: 'file.url',
    column: /(^|_)(file_url|attachment_url|document_url|download_url|resource_url|pdf_url|report_url|export_url|certificate_url|audio_url|asset_url|media_file_url|scan_url|receipt_url|invoice_url|backup_url|upload_url|storage_url|signed_url|presigned_url|content_url|material_url|worksheet_url|slides_url)$/,
    kinds: TEXT,
    make: (f) => fitName(f, (r) => `https://files.example.com/${pick(r, P.storageBuckets)}/${hex(r, 12)}/${fileName(r)}`),
    doc: 'Download URLs of files https://files.example.com/<bucket>/<id>/<name>.<ext>.',
    example: 'attendance_excuses.document_url TEXT',
  },
  {
    id: 'file.name',
    column: /(^|_)(file_?name|original_name|original_filename|original_file_name|attachment_name|document_name|upload_name|file|attachment|document|resource_file|backup_file|export_file|report_file|stored_name)$/,
    kinds: TEXT,
    make: (f) => fitName(f, fileName),
    doc: 'File names "lesson-plan-2024-0192.pdf".',
    example: 'attachments.file_name TEXT',
  },
  {
    id: 'file.path',
    column: /(^|_)(file_path|filepath|path|storage_path|storage_key|object_key|s3_key|blob_key|key_path|directory|dir|folder|folder_path|backup_location|storage_location|file_location|local_path|upload_path|relative_path|absolute_path|log_path|location_path|image_path_local)$/,
    kinds: TEXT,
    make: (f) => fitName(f, (r) => `${pick(r, P.directoryPaths)}/${r.int(2021, 2025)}/${hex(r, 8)}-${fileName(r)}`),
    doc: 'Storage paths "/uploads/documents/2024/9f3a1c2b-report-2024-0192.pdf".',
    example: 'documents.file_path TEXT',
  },
  {
    id: 'file.mimeType',
    column: /(^|_)(mime_?type|mimetype|content_?type|media_type|file_mime|mime|file_content_type)$/,
    kinds: TEXT,
    make: (f) => choice(f, P.commonMimeTypes),
    doc: 'MIME types: application/pdf, image/png, text/csv …',
    example: 'attachments.mime_type TEXT',
  },
  {
    id: 'file.extension',
    column: /(^|_)(extension|file_extension|ext|file_ext|file_type|file_format|document_format|export_format|output_format|report_format|download_format)$|^format$/,
    kinds: TEXT,
    make: (f) => choice(f, P.fileExtensions),
    doc: 'File extensions/formats: pdf, png, docx, csv …',
    example: 'reports.file_format TEXT',
  },
  {
    id: 'file.size',
    column: /^size$|(^|_)(size_bytes|file_size|filesize|file_size_bytes|bytes|byte_size|content_length|size_in_bytes|total_bytes|storage_used|storage_bytes|max_file_size|upload_size|attachment_size|size_kb|size_mb|file_size_kb|file_size_mb|storage_used_mb|quota_mb|max_size|storage_limit)$/,
    kinds: NUM,
    make: sizeBytes,
    doc: 'Sizes in bytes, log-spread 1 KB … 50 MB (kB/MB/GB columns scaled).',
    example: 'attachments.file_size INTEGER',
  },
  {
    id: 'file.dimension',
    column: exact('width', 'height', 'image_width', 'image_height', 'width_px', 'height_px', 'px_width', 'px_height', 'resolution_x', 'resolution_y', 'thumbnail_width', 'thumbnail_height'),
    kinds: INT,
    make: () => gen((r) => pick(r, [64, 128, 256, 320, 480, 640, 720, 800, 1024, 1080, 1280, 1920, 2048])),
    doc: 'Pixel dimensions (64 … 2048); `height` of a person is a height in cm (health rules).',
    example: 'images.width INTEGER',
  },
  {
    id: 'file.resolution',
    column: exact('resolution', 'screen_resolution', 'video_resolution', 'image_resolution', 'display_resolution'),
    kinds: TEXT,
    make: (f) => choice(f, ['1920x1080', '1280x720', '2560x1440', '3840x2160', '1366x768', '1440x900', '390x844', '1080x1920']),
    doc: 'Resolutions "1920x1080".',
    example: 'devices.screen_resolution TEXT',
  },
  {
    id: 'file.storage',
    column: exact('bucket', 'bucket_name', 'storage_bucket', 'storage_provider', 'storage_backend', 'storage_class', 'storage_type'),
    kinds: TEXT,
    make: (f) => (/provider|backend|class|type/.test(snake(f.column.name)) ? choice(f, ['s3', 'gcs', 'azure_blob', 'local']) : pool(f, P.storageBuckets)),
    doc: 'Storage buckets (uploads, avatars, …) and providers (s3, gcs, azure_blob, local).',
    example: 'files.bucket TEXT',
  },
  {
    id: 'file.encoding',
    column: exact('encoding', 'charset', 'character_set', 'file_encoding', 'text_encoding'),
    kinds: TEXT,
    make: (f) => choice(f, ['UTF-8', 'UTF-16', 'ISO-8859-1', 'US-ASCII']),
    doc: 'Character encodings: UTF-8, UTF-16, ISO-8859-1, US-ASCII.',
    example: 'documents.encoding TEXT',
  },
  {
    id: 'file.pageNumber',
    column: exact('page', 'page_number', 'page_no', 'current_page', 'last_page'),
    kinds: INT,
    make: () => int(1, 300),
    doc: 'Page numbers 1–300.',
    example: 'reading_progress.current_page INTEGER',
  },
  {
    id: 'file.count',
    column: exact('file_count', 'files_count', 'attachment_count', 'num_files', 'number_of_files', 'attachments_count'),
    kinds: NUM,
    make: () => int(0, 12),
    doc: 'Numbers of files/attachments 0–12.',
    example: 'messages.attachment_count INTEGER',
  },
];

