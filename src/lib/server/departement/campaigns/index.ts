// Collection campaigns: the département asks its groups for a period's files by a due date, then
// follows who has sent what (a status board of group × kind), reminds the late ones (in the app,
// and by e-mail when SMTP is configured) and, at closing, publishes the period: the bilan presented
// stays the one that was checked, whatever is sent afterwards. One file per part: the words
// (labels), the form (form), the campaigns themselves (store), the board (board), what groups owe
// (due), reminders and their texts (reminders, texts), the mailer (mailer) and the timer (timer).
export { STATE_LABELS, STATE_COUNT_LABELS, STAGE_LABELS } from './labels';
export { lastDayOf, openCampaignSchema, type OpenCampaignInput } from './form';
export {
	type Campaign,
	CampaignError,
	openCampaign,
	listCampaigns,
	getCampaign,
	closeCampaign,
	publishedAt
} from './store';
export { entryState, type Board, campaignBoard } from './board';
export { type DueItem, dueForGroups } from './due';
export {
	type ReminderNotice,
	remindersForGroups,
	reminderStage,
	type ReminderRun,
	sendDueReminders
} from './reminders';
export { type Mailer, mailerFromEnv } from './mailer';
export { todayInParis, startReminderTimer } from './timer';
