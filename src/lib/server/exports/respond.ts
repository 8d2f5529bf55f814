// The HTTP answer of an export: the file in the asked format, never cached, and one entry in the
// audit trail ('export.csv' / 'export.xlsx') saying what was exported, by whom.
import type { RequestEvent } from '@sveltejs/kit';
import { auditEvent } from '../audit/audit-event';
import { tableCsv } from './csv';
import type { ExportTable } from './table';
import { tablesXlsx } from './xlsx';

export type ExportFormat = 'csv' | 'xlsx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** File names in ASCII (accents dropped): every browser and OS keeps them as they are. */
export function safeFilename(name: string): string {
	return (
		name
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^A-Za-z0-9._-]+/g, '-')
			.replace(/-+/g, '-')
			.replace(/^-|-$/g, '')
			.toLowerCase() || 'export'
	);
}

/**
 * A Content-Disposition for a file a person named: an ASCII `filename` every browser keeps, and
 * the name itself in `filename*` (RFC 6266), without any folder, control or quoting character.
 */
export function attachmentDisposition(name: string, fallback: string): string {
	const base = (name.split(/[/\\]/).pop() ?? '')
		.replace(/[\p{Cc}"]/gu, '')
		.trim()
		.replace(/^\.+/, '')
		.slice(0, 200);
	const ascii = safeFilename(base || fallback).replace(/-+\./g, '.');
	const utf8 = encodeURIComponent(base || fallback).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

export async function exportResponse(
	event: Pick<RequestEvent, 'locals' | 'request' | 'getClientAddress'>,
	table: ExportTable,
	format: ExportFormat,
	basename: string,
	details: Record<string, unknown> = {}
): Promise<Response> {
	const body =
		format === 'csv' ? new TextEncoder().encode(tableCsv(table)) : await tablesXlsx([table]);
	await auditEvent(event, `export.${format}`, {
		...details,
		table: table.title,
		rows: table.rows.length
	});
	const filename = `${safeFilename(basename)}.${format}`;
	return new Response(body as BodyInit, {
		headers: {
			'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
