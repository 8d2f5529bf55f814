/**
 * What names a commune's bilan: the page's figures or, for a period not published, the sentence
 * saying so (both carry the commune and the period). The load gives one of them.
 */
export function bilanHead<P, U>(
	page: P | null | undefined,
	unpublished: U | null | undefined
): P | U {
	const head = page ?? unpublished;
	if (!head) throw new Error('bilan sans contenu');
	return head;
}
