// The zip container of XLSX and ODS workbooks, read with hard limits: the central directory is
// parsed by hand (entry count, encryption flag, ZIP64 refused), and each part is inflated in small
// pieces by fflate's streaming inflater, counting output bytes as they appear, so a zip bomb is
// refused after a few megabytes instead of filling memory or stalling the reader. IO-free.
import { Inflate } from 'fflate';

/** A refusal of the whole workbook, in French, for the report. */
export class SheetError extends Error {
	constructor(
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

export interface ZipLimits {
	/** uncompressed bytes of all parts read, together */
	maxTotal: number;
	/** uncompressed / compressed, checked as the output grows (after the first MiB) */
	maxRatio: number;
	/** entries in the archive */
	maxEntries: number;
}

export const ZIP_LIMITS: ZipLimits = {
	maxTotal: 1536 * 1024 * 1024,
	maxRatio: 200,
	maxEntries: 2000
};

export interface ZipEntry {
	name: string;
	method: number;
	flags: number;
	compressed: number;
	size: number;
	local: number;
}

const BOMB =
	'Ce classeur se décompresse en un volume anormal (archive piégée ou corrompue) : il n’a pas été lu. Ouvrez-le dans votre tableur, enregistrez-le à nouveau au format .xlsx, .ods ou CSV, puis déposez-le.';
const CORRUPT =
	'Ce classeur Excel ou LibreOffice (ou cette archive ZIP) est endommagé et ne peut pas être lu : ouvrez-le dans votre tableur, enregistrez-le à nouveau au format .xlsx, .ods ou CSV, puis déposez-le.';

/** The entries of a zip archive, from its central directory. */
export function zipEntries(zip: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipEntry[] {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	let eocd = zip.length - 22;
	const stop = Math.max(0, zip.length - 22 - 65535);
	while (eocd >= stop && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
	if (eocd < stop) throw new SheetError('file.corrupt', CORRUPT);
	const count = view.getUint16(eocd + 10, true);
	const cdSize = view.getUint32(eocd + 12, true);
	let p = view.getUint32(eocd + 16, true);
	if (count === 0xffff || p === 0xffffffff) throw new SheetError('file.corrupt', CORRUPT); // ZIP64: never needed within the upload limit
	if (count > limits.maxEntries)
		throw new SheetError(
			'file.too_many_parts',
			`Ce classeur contient ${count} éléments internes (au plus ${limits.maxEntries}) : ce n’est pas un export de données ordinaire. Copiez le tableau dans un classeur neuf ou enregistrez-le au format CSV.`
		);
	if (p + cdSize > zip.length) throw new SheetError('file.corrupt', CORRUPT);
	const names = new TextDecoder();
	const entries: ZipEntry[] = [];
	for (let i = 0; i < count; i++) {
		if (p + 46 > zip.length || view.getUint32(p, true) !== 0x02014b50)
			throw new SheetError('file.corrupt', CORRUPT);
		const nameLen = view.getUint16(p + 28, true);
		entries.push({
			name: names.decode(zip.subarray(p + 46, p + 46 + nameLen)),
			flags: view.getUint16(p + 8, true),
			method: view.getUint16(p + 10, true),
			compressed: view.getUint32(p + 20, true),
			size: view.getUint32(p + 24, true),
			local: view.getUint32(p + 42, true)
		});
		p += 46 + nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
	}
	return entries;
}

/** Counts what a workbook's parts inflate to, across parts. */
export class ZipReader {
	readonly entries: ZipEntry[];
	private readonly byName = new Map<string, ZipEntry>();
	private total = 0;
	/** bytes of the archive read so far by the current stream (for progress) */
	position = 0;

	constructor(
		readonly zip: Uint8Array,
		readonly limits: ZipLimits = ZIP_LIMITS
	) {
		this.entries = zipEntries(zip, limits);
		for (const e of this.entries) this.byName.set(e.name, e);
		if (this.entries.some((e) => (e.flags & 1) === 1))
			throw new SheetError(
				'file.encrypted',
				'Ce classeur est protégé par un mot de passe : ouvrez-le, retirez le mot de passe (Fichier > Informations > Protéger le classeur, ou « Enregistrer sous » sans mot de passe), enregistrez-le, puis déposez-le.'
			);
	}

	has(name: string): boolean {
		return this.byName.has(name);
	}

	entry(name: string): ZipEntry | undefined {
		return this.byName.get(name);
	}

	/** The raw (compressed) bytes of an entry. */
	private raw(e: ZipEntry): Uint8Array {
		const view = new DataView(this.zip.buffer, this.zip.byteOffset, this.zip.byteLength);
		const l = e.local;
		if (l + 30 > this.zip.length || view.getUint32(l, true) !== 0x04034b50)
			throw new SheetError('file.corrupt', CORRUPT);
		const start = l + 30 + view.getUint16(l + 26, true) + view.getUint16(l + 28, true);
		if (start + e.compressed > this.zip.length) throw new SheetError('file.corrupt', CORRUPT);
		return this.zip.subarray(start, start + e.compressed);
	}

	/**
	 * Inflates an entry piece by piece, handing each output piece to `sink`; returning false from
	 * `sink` stops early. Throws SheetError past the limits, however little was read.
	 */
	*stream(name: string): Generator<Uint8Array, void, void> {
		const e = this.byName.get(name);
		if (!e) throw new SheetError('file.corrupt', CORRUPT);
		const raw = this.raw(e);
		this.position = e.local;
		if (e.method === 0) {
			this.count(raw.length, raw.length);
			for (let i = 0; i < raw.length; i += 1 << 20) yield raw.subarray(i, i + (1 << 20));
			return;
		}
		if (e.method !== 8) throw new SheetError('file.corrupt', CORRUPT);
		const out: Uint8Array[] = [];
		let produced = 0;
		let failed: unknown = null;
		const inflater = new Inflate((chunk) => {
			produced += chunk.length;
			out.push(chunk);
		});
		// Large pieces while the part inflates like an ordinary document (fewer calls), small ones
		// as soon as it inflates suspiciously well: one piece never yields more than a few MiB.
		for (let i = 0, end = 0; i < raw.length; i = end) {
			end = Math.min(raw.length, i + (i > 0 && produced <= i * 16 ? 64 * 1024 : 2048));
			const before = produced;
			try {
				inflater.push(raw.subarray(i, end), end === raw.length);
			} catch (err) {
				failed = err;
			}
			if (failed) throw new SheetError('file.corrupt', CORRUPT);
			this.count(produced - before, end, produced);
			this.position = e.local + end;
			while (out.length) yield out.shift()!;
		}
	}

	/** The whole entry, inflated (small parts: workbook, styles, relations). */
	read(name: string, maxBytes: number): Uint8Array {
		const parts: Uint8Array[] = [];
		let n = 0;
		for (const p of this.stream(name)) {
			n += p.length;
			if (n > maxBytes) throw new SheetError('file.bomb', BOMB);
			parts.push(p);
		}
		const all = new Uint8Array(n);
		let o = 0;
		for (const p of parts) {
			all.set(p, o);
			o += p.length;
		}
		return all;
	}

	text(name: string, maxBytes: number): string {
		return new TextDecoder().decode(this.read(name, maxBytes));
	}

	private count(added: number, compressedSoFar: number, producedSoFar = added) {
		this.total += added;
		if (this.total > this.limits.maxTotal) throw new SheetError('file.bomb', BOMB);
		if (producedSoFar > (1 << 20) + compressedSoFar * this.limits.maxRatio)
			throw new SheetError('file.bomb', BOMB);
	}
}
