// The example app in a real Chromium against the mock server started by `acs-opensearch-mock`:
// a cross-origin, signed, STS-authenticated call path, exactly as in production but the host.
import { expect, test } from '@playwright/test';

test('lists, pages and filters instances from the mock server', async ({ page }) => {
  const answers: number[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/v4/openapi/')) answers.push(r.status());
  });
  await page.goto('/');
  await expect(page.getByRole('heading')).toHaveText('Instances of shop / ctr');
  const rows = page.getByRole('table', { name: 'Function instances' }).locator('tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toContainText('instance_1');
  await expect(page.getByTestId('page-info')).toContainText('1');

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('page-info')).toContainText('2');
  await expect(rows.first()).not.toContainText('instance_1');

  await page.getByLabel('Source').selectOption('builtin');
  await expect(rows.first()).toContainText('builtin');
  // Every call was answered 200: CORS preflights passed and every signature verified.
  expect(answers.length).toBeGreaterThanOrEqual(3);
  expect(answers.every((s) => s === 200)).toBe(true);
});
