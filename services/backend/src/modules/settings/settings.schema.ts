export {
  orgSettingsSchema as settingsSchema,
  updateOrgSettingsBodySchema as updateSettingsBodySchema,
  type OrgSettings,
  type UpdateOrgSettingsBody as UpdateSettingsBody,
} from '@netra/shared/contracts';
