import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectAccessible, expectNoHorizontalScroll, withoutJavaScript } from './support/accessibility';
import { demoUsers, signIn } from './support/auth';
import { t } from './support/messages';
import { openDatabase } from '../../src/lib/server/db/index';

/**
 * Notifications in the portal and the admin's outbox. The notifications and mails are written
 * straight into the server's database (the file playwright.config.ts gives it), as notify() and
 * queueSurveyInvitationMail() leave them. The researcher gets no notifications from any other
 * journey, so the counts here are exact; the tests of this file run one after another.
 */
const PORT = Number(process.env.E2E_PORT ?? 4174);
const DB_FILE = `tests/.output/e2e${PORT === 4174 ? '' : `-${PORT}`}.db`;
const TOKEN = 'abcdefghijkmnpqrstuvwxyz.23456789abcdefghijkmnpqr';

test.describe.configure({ mode: 'serial' });

async function withDb<T>(work: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
	const { db } = openDatabase({ url: `file:${DB_FILE}` });
	try {
		return await work(db);
	} finally {
		await db.destroy();
	}
}

async function researcherId(): Promise<string> {
	return withDb(async (db) => (await db.selectFrom('users').select('id').where('email', '=', demoUsers.researcher.email).executeTakeFirstOrThrow()).id);
}

/** A notification as notify() writes it, `minutesAgo` old. */
async function addNotification(userId: string, clientName: string, minutesAgo: number): Promise<void> {
	await withDb((db) =>
		db
			.insertInto('notifications')
			.values({
				id: crypto.randomUUID(),
				user_id: userId,
				event: 'plan_submitted',
				trajectory_id: null,
				params: JSON.stringify({ clientName, path: '/onderzoek' }),
				created_at: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
				read_at: null
			})
			.execute()
	);
}

/** The header link to /meldingen, whose name says how many are unread. */
function notificationsLink(page: Page) {
	return page.getByRole('banner').getByRole('link', { name: new RegExp(`^${t('nav_notifications')}`) });
}

async function expectUnread(page: Page, count: number) {
	const link = notificationsLink(page);
	if (count === 0) await expect(link).toHaveAccessibleName(t('nav_notifications'));
	else await expect(link).toHaveAccessibleName(new RegExp(`${t('nav_notifications_unread', { count })}$`));
}

test.describe('notifications', () => {
	test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });

	test('a user sees the unread count, reads the list newest first and marks them read', async ({ page }) => {
		const userId = await researcherId();
		expect(userId).toBeTruthy();
		await withDb((db) => db.deleteFrom('notifications').where('user_id', '=', userId).execute());
		await signIn(page, demoUsers.researcher);
		await expectUnread(page, 0);
		await page.goto('/meldingen');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('notice_title'));
		await expect(page.getByText(t('notice_empty'))).toBeVisible();
		await expectAccessible(page, 'empty');

		await addNotification(userId, 'Oudere Melding', 30);
		await addNotification(userId, 'Nieuwe Melding', 5);
		await page.goto('/meldingen');
		await expectUnread(page, 2);
		const items = page.getByRole('list', { name: t('notice_list_label') }).getByRole('listitem');
		await expect(items).toHaveCount(2);
		await expect(items.nth(0)).toContainText(t('notice_plan_submitted', { clientName: 'Nieuwe Melding' }));
		await expect(items.nth(1)).toContainText(t('notice_plan_submitted', { clientName: 'Oudere Melding' }));
		await expect(items.nth(0).getByRole('link', { name: t('notice_open') })).toHaveAttribute('href', '/onderzoek');
		await expect(page.getByText(t('notice_unread_count', { count: 2 }))).toBeVisible();
		await expectNoHorizontalScroll(page);
		await expectAccessible(page, 'two unread, 320 px');

		await items.nth(0).getByRole('button', { name: t('notice_mark_read') }).click();
		await expect(page.getByRole('status')).toHaveText(t('notice_marked_read'));
		await expectUnread(page, 1);
		await expect(items.nth(0).getByRole('button', { name: t('notice_mark_read') })).toHaveCount(0);
		await expect(page.getByText(t('notice_unread_one'))).toBeVisible();

		await page.getByRole('button', { name: t('notice_mark_all_read') }).click();
		await expect(page.getByRole('status')).toHaveText(t('notice_marked_all_read'));
		await expectUnread(page, 0);
		await expect(page.getByText(t('notice_all_read'))).toBeVisible();
		await expectAccessible(page, 'all read');
	});

	test('works without JavaScript', async ({ browser }: { browser: Browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
		const page = withoutJavaScript(await context.newPage());
		try {
			const userId = await researcherId();
			await addNotification(userId, 'Zonder Script', 1);
			await signIn(page, demoUsers.researcher);
			await expectUnread(page, 1);
			await notificationsLink(page).click();
			await expect(page).toHaveURL('/meldingen');
			await expectAccessible(page, 'one unread');
			const item = page.getByRole('listitem').filter({ hasText: 'Zonder Script' });
			await item.getByRole('button', { name: t('notice_mark_read') }).click();
			await expect(page.getByRole('status')).toHaveText(t('notice_marked_read'));
			await expectUnread(page, 0);
			await expectAccessible(page, 'marked read');
		} finally {
			await context.close();
		}
	});
});

test.describe('the admin’s outbox', () => {
	test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });

	test('lists the mails that could not be sent without SMTP, with survey links masked', async ({ page }) => {
		const subject = `Regie: Wat vond u van uw traject? ${crypto.randomUUID().slice(0, 8)}`;
		await withDb((db) =>
			db
				.insertInto('outbox')
				.values({
					id: crypto.randomUUID(),
					event: 'survey_invitation',
					recipient: 'client@demo.regie.nl',
					user_id: null,
					language: 'nl',
					subject,
					body: `Beste lezer,\n\nKlik op de link:\nhttp://127.0.0.1/enquete/${TOKEN}\n\nMet vriendelijke groet,`,
					created_at: new Date(Date.now() + 60 * 60_000).toISOString(),
					next_attempt_at: new Date().toISOString(),
					claimed_until: null,
					sent_at: null,
					last_error: null
				})
				.execute()
		);
		await signIn(page, demoUsers.admin);
		await page.getByRole('link', { name: t('outbox_link') }).click();
		await expect(page).toHaveURL('/beheer/outbox');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('outbox_title'));
		await expect(page.getByText(t('outbox_no_smtp'))).toBeVisible();
		// Newest first: the mail made "in an hour" heads the table.
		const firstRow = page.getByRole('table').getByRole('row').nth(1);
		await expect(firstRow).toContainText('client@demo.regie.nl');
		await expect(firstRow).toContainText(t('outbox_status_not_sent'));
		await expectNoHorizontalScroll(page);
		await expectAccessible(page, 'list, 320 px');

		await firstRow.getByRole('link', { name: subject }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
		await expect(page.getByText('/enquete/abcdefghijkmnpqrstuvwxyz.••••••')).toBeVisible();
		expect(await page.content()).not.toContain('23456789abcdefghijkmnpqr');
		await expectNoHorizontalScroll(page);
		await expectAccessible(page, 'one mail, 320 px');
	});

	test('is not for other roles', async ({ page }) => {
		await signIn(page, demoUsers.researcher);
		const response = await page.goto('/beheer/outbox');
		expect(response?.status()).toBe(403);
	});
});
