// The value of a presented bilan's checkbox, « groupe|période », read by the server and the form.
export function presentationKey(groupId: string, period: string): string {
	return `${groupId}|${period}`;
}
