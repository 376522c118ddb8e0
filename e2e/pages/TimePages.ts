import type { Page, Response } from 'playwright-core';

/** "My timesheet": the week grid of the signed-in person. */
export class TimesheetWeekPage {
  constructor(private page: Page) {}

  async waitUntilShown() {
    await this.page.getByTestId('week-label').waitFor();
    await this.page.getByTestId('timesheet-grid').waitFor();
  }

  /** The input of a task on the i-th day of the week (0 = Monday). */
  cell(taskId: string, day: number) {
    return this.page.locator(`input[data-testid="cell-${taskId}-${day}"], [data-testid="cell-${taskId}-${day}"] input`).first();
  }

  async fill(taskId: string, day: number, hours: string) {
    await this.cell(taskId, day).fill(hours);
  }

  /** Goes a week back and waits until the grid shows that week (not only the address). */
  async previousWeek() {
    const before = this.page.url();
    await this.page.getByTestId('week-prev').click();
    await this.page.waitForURL((u) => u.toString() !== before && u.searchParams.has('week'));
    const week = new URL(this.page.url()).searchParams.get('week')!;
    await this.page.locator(`[data-testid="timesheet-grid"][data-week="${week}"]`).waitFor();
    return week;
  }

  status() {
    return this.page.getByTestId('week-status');
  }

  total() {
    return this.page.getByTestId('week-total');
  }

  /** Saves the draft and returns the API's answer. */
  async save(): Promise<Response> {
    const saved = this.page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/v1/timesheets/week'));
    await this.page.getByTestId('save-week').click();
    return saved;
  }

  async submit(): Promise<Response> {
    const submitted = this.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/v1/timesheets/submit'));
    await this.page.getByTestId('submit-week').click();
    return submitted;
  }
}

/** The project's Timesheets tab: hours and expenses, approved by the PM. */
export class ProjectTimeTab {
  constructor(private page: Page) {}

  async open(projectId: string) {
    await this.page.goto(`/delivery/projects/${projectId}?tab=timesheets`);
    await this.page.getByTestId('approvals-table').waitFor();
  }

  approveButtons() {
    return this.page.locator('[data-testid^="approve-"]:not([data-testid^="approve-expense-"])');
  }

  async openExpenses() {
    await this.page.getByTestId('time-subtab-expenses').click();
    await this.page.getByTestId('expenses-table').waitFor();
  }

  expenseApproveButtons() {
    return this.page.locator('[data-testid^="approve-expense-"]');
  }

  /** Opens the form, types the amount and submits; the caller checks what happened. */
  async tryExpense(values: { amount: string; date?: string; note?: string }) {
    // The test id sits on the modal's root, which has no box of its own: the dialog is inside.
    const modal = this.page.getByTestId('expense-modal').locator('.ant-modal');
    if (!(await modal.isVisible())) {
      await this.page.getByTestId('record-expense').click();
      await modal.waitFor();
    }
    await modal.getByTestId('expense-amount').locator('input').or(modal.locator('input[data-testid="expense-amount"]')).first().fill(values.amount);
    if (values.date) {
      const date = modal.getByTestId('expense-date').locator('input').or(modal.locator('input[data-testid="expense-date"]')).first();
      await date.click();
      await date.fill(values.date);
      await date.press('Enter');
    }
    if (values.note) await modal.getByTestId('expense-note').fill(values.note);
    await this.page.getByTestId('expense-submit').click();
  }

  /** The form's message under the amount field. */
  amountError() {
    return this.page.getByTestId('expense-modal').locator('.ant-form-item-explain-error').first();
  }

  /** Waits until the form has closed. */
  async expenseFormClosed() {
    await this.page.getByTestId('expense-modal').locator('.ant-modal').waitFor({ state: 'hidden' });
  }
}
