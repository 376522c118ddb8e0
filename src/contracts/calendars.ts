import { z } from 'zod';
import { Abilities, Id, IsoDate, Version } from './common.js';

export const CalendarException = z.object({ date: IsoDate, name: z.string().trim().min(1).max(120), working: z.boolean() });

export const CalendarResponse = z.object({
  id: Id,
  name: z.string(),
  workingDays: z.array(z.number().int().min(1).max(7)),
  hoursPerDay: z.number(),
  isDefault: z.boolean(),
  exceptions: z.array(CalendarException),
  version: Version,
  abilities: Abilities,
});
export type CalendarResponse = z.infer<typeof CalendarResponse>;

const Fields = {
  name: z.string().trim().min(1).max(120),
  workingDays: z
    .array(z.number().int().min(1).max(7))
    .min(1, 'At least one working day.')
    .refine((d) => new Set(d).size === d.length, 'Each weekday once.'),
  hoursPerDay: z.number().gt(0).max(24),
  isDefault: z.boolean(),
  exceptions: z
    .array(CalendarException)
    .max(1000)
    .refine((x) => new Set(x.map((e) => e.date)).size === x.length, 'Each date once.'),
};
export const CreateCalendarRequest = z.object({ ...Fields, isDefault: Fields.isDefault.default(false), exceptions: Fields.exceptions.default([]) });
export const UpdateCalendarRequest = z.object(Fields).partial().extend({ version: Version });
export const CalendarList = z.object({ items: z.array(CalendarResponse) });
