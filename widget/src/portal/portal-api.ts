/** GraphQL documents and answer shapes of the customer portal (services/gateway/schema.graphql). */
import type { ApplyMutation, ApplyMutationVariables, ConfirmOfferMutation, ConfirmOfferMutationVariables, DeclineOfferMutation, CancelAppointmentMutation, CancelAppointmentMutationVariables, ChangeEmailMutation, ChangeEmailMutationVariables, ChangePasswordMutation, ChangePasswordMutationVariables, ConfirmEmailChangeMutation, ConfirmEmailChangeMutationVariables, DeleteAccountMutation, DeleteAccountMutationVariables, LoginMutation, LoginMutationVariables, LogoutMutation, LogoutMutationVariables, MarkReadMutation, MarkReadMutationVariables, PortalQuery, PortalQueryVariables, RegisterMutation, RegisterMutationVariables, RequestResetMutation, RequestResetMutationVariables, ResetMutation, ResetMutationVariables, VerifyEmailMutation, VerifyEmailMutationVariables, WithdrawMutation, WithdrawMutationVariables } from "../generated/graphql.ts";
import type { TypedDocument } from "../lib/typed-document.ts";

import type { ApplicationState, CampaignStatus, TimeOfDay } from "../generated/graphql.ts";

/** The schema's enums, generated from it. */
export type { ApplicationState, CampaignStatus, TimeOfDay };

export interface Preferences {
  offices: string[];
  weekdays: number[];
  timesOfDay: TimeOfDay[];
}

export interface Application {
  id: string;
  entryCode: string;
  state: ApplicationState;
  lotteryRank: number | null;
  appointmentStart: string | null;
  appointmentEnd: string | null;
  offerDeadline: string | null;
  /** The confirmed appointment's .ics text; null in any other state. */
  calendarFile: string | null;
  preferences: Preferences;
}

export interface DrawRecord {
  beacon: string;
  drawSeed: string;
  secret: string;
  entries: number;
  url: string;
}

export interface Campaign {
  slug: string;
  name: string;
  status: CampaignStatus;
  applicationOpensAt: string;
  applicationClosesAt: string;
  drawAt: string;
  notifyBy: string;
  periodFrom: string;
  periodTo: string;
  confirmationDays: number;
  slotCount: number;
  entryCount: number | null;
  commitment: string;
  entryListHash: string | null;
  beaconAnnouncement: string | null;
  algorithm: string;
  record: DrawRecord | null;
  myApplication: Application | null;
}

export interface PortalTenant {
  slug: string;
  name: string;
  timeZone: string;
  privacyUrl: string | null;
  /** Registration asks for the membership number (agencies serving members only). */
  membershipNumberRequired: boolean;
  theme: { name: string; value: string }[];
  offices: { slug: string; name: string }[];
  campaigns: Campaign[];
}

export interface Customer {
  kind: "CUSTOMER" | "ANONYMOUS" | "STAFF";
  name?: string;
  email?: string;
  notifications?: Notification[];
}

/** Every union answer: the success type or an Error with its translated message. */
export interface Answer {
  __typename: string;
  message?: string;
  code?: string;
  field?: string | null;
}

const ERROR = "... on Error { message code } ... on InputError { field }";
const APPLICATION = "id entryCode state lotteryRank appointmentStart appointmentEnd offerDeadline calendarFile preferences { offices weekdays timesOfDay }";
const CAMPAIGN = `slug name status applicationOpensAt applicationClosesAt drawAt notifyBy periodFrom periodTo confirmationDays
  slotCount entryCount commitment entryListHash beaconAnnouncement algorithm
  record { beacon drawSeed secret entries url } myApplication { ${APPLICATION} }`;

export const PORTAL = `
  query Portal($slug: String!) {
    tenant(slug: $slug) {
      slug name timeZone privacyUrl membershipNumberRequired theme { name value } offices { slug name }
      campaigns { ${CAMPAIGN} }
    }
    viewer { kind ... on CustomerViewer { name email notifications(first: 50) { id kind subject createdAt readAt } } }
  }
` as TypedDocument<PortalQuery, PortalQueryVariables>;

export const REGISTER = `
  mutation Register($tenant: String!, $name: String!, $email: String!, $password: String!, $membershipNumber: String, $consent: Boolean) {
    registerCustomer(tenant: $tenant, name: $name, email: $email, password: $password, membershipNumber: $membershipNumber, consent: $consent) { __typename ${ERROR} }
  }
` as TypedDocument<RegisterMutation, RegisterMutationVariables>;

export const VERIFY_EMAIL = `
  mutation VerifyEmail($tenant: String!, $token: String!) {
    verifyCustomerEmail(tenant: $tenant, token: $token) { __typename ${ERROR} }
  }
` as TypedDocument<VerifyEmailMutation, VerifyEmailMutationVariables>;

export const LOGIN = `
  mutation Login($tenant: String!, $email: String!, $password: String!) {
    customerLogin(tenant: $tenant, email: $email, password: $password, deliverAs: TOKEN) { __typename
      ... on CustomerSession { token } ${ERROR}
    }
  }
` as TypedDocument<LoginMutation, LoginMutationVariables>;

export const LOGOUT = `mutation Logout { logout }` as TypedDocument<LogoutMutation, LogoutMutationVariables>;

export const APPLY = `
  mutation Apply($tenant: String!, $campaign: String!, $preferences: LotteryPreferencesInput) {
    applyToCampaign(tenant: $tenant, campaign: $campaign, preferences: $preferences) { __typename ${ERROR} }
  }
` as TypedDocument<ApplyMutation, ApplyMutationVariables>;

export const WITHDRAW = `
  mutation Withdraw($tenant: String!, $campaign: String!) {
    withdrawApplication(tenant: $tenant, campaign: $campaign) { __typename ${ERROR} }
  }
` as TypedDocument<WithdrawMutation, WithdrawMutationVariables>;

export const CANCEL_APPOINTMENT = `
  mutation CancelAppointment($tenant: String!, $campaign: String!) {
    cancelCampaignAppointment(tenant: $tenant, campaign: $campaign) { __typename ${ERROR} }
  }
` as TypedDocument<CancelAppointmentMutation, CancelAppointmentMutationVariables>;

/** With a session: `campaign`; from the mail's link: `token`. The operation is named after the field. */
export const answerOffer = (name: "confirmOffer" | "declineOffer") => `
  mutation ${name}($tenant: String!, $campaign: String, $token: String) {
    ${name}(tenant: $tenant, campaign: $campaign, token: $token) { __typename
      ... on OfferAnswer { state appointmentStart appointmentEnd } ${ERROR}
    }
  }
` as TypedDocument<ConfirmOfferMutation | DeclineOfferMutation, ConfirmOfferMutationVariables>;

export interface OfferAnswer extends Answer {
  state?: ApplicationState;
  appointmentStart?: string | null;
  appointmentEnd?: string | null;
}

export interface Notification {
  id: string;
  kind: string;
  subject: string;
  createdAt: string;
  readAt: string | null;
}

export const REQUEST_PASSWORD_RESET = `
  mutation RequestReset($tenant: String!, $email: String!) {
    requestCustomerPasswordReset(tenant: $tenant, email: $email) { __typename ${ERROR} }
  }
` as TypedDocument<RequestResetMutation, RequestResetMutationVariables>;

export const RESET_PASSWORD = `
  mutation Reset($tenant: String!, $token: String!, $password: String!) {
    resetCustomerPassword(tenant: $tenant, token: $token, password: $password) { __typename ${ERROR} }
  }
` as TypedDocument<ResetMutation, ResetMutationVariables>;

export const CHANGE_PASSWORD = `
  mutation ChangePassword($tenant: String!, $currentPassword: String!, $newPassword: String!) {
    changeCustomerPassword(tenant: $tenant, currentPassword: $currentPassword, newPassword: $newPassword) { __typename ${ERROR} }
  }
` as TypedDocument<ChangePasswordMutation, ChangePasswordMutationVariables>;

export const CHANGE_EMAIL = `
  mutation ChangeEmail($tenant: String!, $newEmail: String!, $password: String!) {
    requestCustomerEmailChange(tenant: $tenant, newEmail: $newEmail, password: $password) { __typename ${ERROR} }
  }
` as TypedDocument<ChangeEmailMutation, ChangeEmailMutationVariables>;

export const CONFIRM_EMAIL_CHANGE = `
  mutation ConfirmEmailChange($tenant: String!, $token: String!) {
    confirmCustomerEmailChange(tenant: $tenant, token: $token) { __typename ${ERROR} }
  }
` as TypedDocument<ConfirmEmailChangeMutation, ConfirmEmailChangeMutationVariables>;

export const DELETE_ACCOUNT = `
  mutation DeleteAccount($tenant: String!, $password: String!) {
    deleteCustomerAccount(tenant: $tenant, password: $password) { __typename ${ERROR} }
  }
` as TypedDocument<DeleteAccountMutation, DeleteAccountMutationVariables>;

export const MARK_READ = `
  mutation MarkRead($tenant: String!) { markNotificationsRead(tenant: $tenant) { __typename ${ERROR} } }
` as TypedDocument<MarkReadMutation, MarkReadMutationVariables>;
