/**
 * The desk's GraphQL documents (staff API, services/gateway/schema.graphql). Plain strings as
 * in the widget; union results ask for __typename themselves.
 */
import type { AcceptInvitationMutation, AcceptInvitationMutationVariables, AuditLogQuery, AuditLogQueryVariables, ConcernsQuery, ConcernsQueryVariables, ConfigurationQuery, ConfigurationQueryVariables, CountersQuery, CountersQueryVariables, CreateClosureMutation, CreateClosureMutationVariables, CreateConcernMutation, CreateConcernMutationVariables, CreateCounterMutation, CreateCounterMutationVariables, CreateOpeningRuleMutation, CreateOpeningRuleMutationVariables, DayListChangedSubscription, DayListChangedSubscriptionVariables, DayListQuery, DayListQueryVariables, DeleteClosureMutation, DeleteClosureMutationVariables, DeleteOpeningRuleMutation, DeleteOpeningRuleMutationVariables, DeskAvailabilityQuery, DeskAvailabilityQueryVariables, DeskLogoutMutation, DeskLogoutMutationVariables, DeskSlotsQuery, DeskSlotsQueryVariables, DeskTenantQuery, DeskTenantQueryVariables, DeskThemeQuery, DeskThemeQueryVariables, FindBookingsQuery, FindBookingsQueryVariables, InviteStaffMutation, InviteStaffMutationVariables, MassCancellationProgressQuery, MassCancellationProgressQueryVariables, OfficesQuery, OfficesQueryVariables, PreviewMassCancellationQuery, PreviewMassCancellationQueryVariables, SetAttendanceMutation, SetAttendanceMutationVariables, SettingsQuery, SettingsQueryVariables, StaffBookMutation, StaffBookMutationVariables, StaffCancelMutation, StaffCancelMutationVariables, StaffLoginMutation, StaffLoginMutationVariables, StaffRescheduleMutation, StaffRescheduleMutationVariables, StaffUsersQuery, StaffUsersQueryVariables, StartMassCancellationMutation, StartMassCancellationMutationVariables, StatisticsQuery, StatisticsQueryVariables, UpdateConcernMutation, UpdateConcernMutationVariables, UpdateCounterMutation, UpdateCounterMutationVariables, UpdateOfficeMutation, UpdateOfficeMutationVariables, UpdateOriginsMutation, UpdateOriginsMutationVariables, UpdatePolicyMutation, UpdatePolicyMutationVariables, UpdateStaffUserMutation, UpdateStaffUserMutationVariables, UpdateThemeMutation, UpdateThemeMutationVariables, ViewerQuery, ViewerQueryVariables } from "../../generated/graphql.ts";
import type { TypedDocument } from "../../lib/typed-document.ts";
const ERROR = "... on Error { code message }";

export const VIEWER = `
  query Viewer { viewer { kind ... on StaffViewer { roles sessionExpiresAt user { id name email } tenant { slug } } } }
` as TypedDocument<ViewerQuery, ViewerQueryVariables>;

export const STAFF_LOGIN = `
  mutation StaffLogin($tenant: String!, $email: String!, $password: String!) {
    staffLogin(tenant: $tenant, email: $email, password: $password) { __typename
      ... on StaffSession { expiresAt viewer { roles user { id name email } } }
      ... on LoginThrottled { retryAfterSeconds }
      ${ERROR}
    }
  }
` as TypedDocument<StaffLoginMutation, StaffLoginMutationVariables>;

export const LOGOUT = `mutation DeskLogout { logout }` as TypedDocument<DeskLogoutMutation, DeskLogoutMutationVariables>;

export const TENANT = `
  query DeskTenant($slug: String!, $locale: Locale) {
    tenant(slug: $slug) {
      slug name(locale: $locale) timeZone
      offices { id slug name(locale: $locale) timeZone services { id } }
      services { id slug name(locale: $locale) durationMinutes additionalUnitMinutes maxQuantity onlineBookable documents(locale: $locale) hints(locale: $locale) }
    }
  }
` as TypedDocument<DeskTenantQuery, DeskTenantQueryVariables>;

const DESK_BOOKING = `id reference start end status channel counterId counterName contactName contactEmail contactPhone officeId
  services { quantity service { id name(locale: $locale) documents(locale: $locale) } }`;

export const DAY_LIST = `
  query DayList($tenant: String!, $office: String!, $date: Date!, $locale: Locale) {
    dayList(tenant: $tenant, office: $office, date: $date) { __typename
      ... on DayList { date bookings { ${DESK_BOOKING} } }
      ${ERROR}
    }
  }
` as TypedDocument<DayListQuery, DayListQueryVariables>;

export const DAY_LIST_CHANGED = `
  subscription DayListChanged($tenant: String!, $office: String!, $date: Date!, $locale: Locale) {
    dayListChanged(tenant: $tenant, office: $office, date: $date) { date bookings { ${DESK_BOOKING} } }
  }
` as TypedDocument<DayListChangedSubscription, DayListChangedSubscriptionVariables>;

export const SET_ATTENDANCE = `
  mutation SetAttendance($tenant: String!, $booking: ID!, $attendance: Attendance!, $locale: Locale) {
    setAttendance(tenant: $tenant, booking: $booking, attendance: $attendance) { __typename
      ... on DeskBooking { ${DESK_BOOKING} }
      ${ERROR}
    }
  }
` as TypedDocument<SetAttendanceMutation, SetAttendanceMutationVariables>;

export const AVAILABILITY = `
  query DeskAvailability($tenant: String!, $office: String!, $items: [RequestItemInput!]!, $from: Date!, $to: Date!) {
    availability(tenant: $tenant, office: $office, items: $items, from: $from, to: $to) { __typename
      ... on AvailabilityCalendar { days { date status freeSlots } }
      ${ERROR}
    }
  }
` as TypedDocument<DeskAvailabilityQuery, DeskAvailabilityQueryVariables>;

export const SLOTS = `
  query DeskSlots($tenant: String!, $office: String!, $items: [RequestItemInput!]!, $date: Date!) {
    slots(tenant: $tenant, office: $office, items: $items, date: $date) { __typename
      ... on SlotList { date slots { start end } }
      ${ERROR}
    }
  }
` as TypedDocument<DeskSlotsQuery, DeskSlotsQueryVariables>;

const STAFF_BOOKING = "id reference start end status mailed contactName contactPhone contactEmail";

export const STAFF_BOOK = `
  mutation StaffBook($input: StaffBookAppointmentInput!) {
    staffBookAppointment(input: $input) { __typename
      ... on StaffBooking { ${STAFF_BOOKING} }
      ... on SlotUnavailable { alternatives { start end } }
      ... on InputError { field }
      ${ERROR}
    }
  }
` as TypedDocument<StaffBookMutation, StaffBookMutationVariables>;

export const FIND_BOOKINGS = `
  query FindBookings($tenant: String!, $query: String!, $locale: Locale) {
    findBookings(tenant: $tenant, query: $query) { __typename
      ... on BookingSearch { bookings { ${DESK_BOOKING} } }
      ${ERROR}
    }
  }
` as TypedDocument<FindBookingsQuery, FindBookingsQueryVariables>;

export const STAFF_CANCEL = `
  mutation StaffCancel($tenant: String!, $booking: ID!, $reason: String!) {
    staffCancelBooking(tenant: $tenant, booking: $booking, reason: $reason) { __typename
      ... on StaffBooking { ${STAFF_BOOKING} }
      ... on InputError { field }
      ${ERROR}
    }
  }
` as TypedDocument<StaffCancelMutation, StaffCancelMutationVariables>;

export const STAFF_RESCHEDULE = `
  mutation StaffReschedule($tenant: String!, $booking: ID!, $start: DateTime!) {
    staffRescheduleBooking(tenant: $tenant, booking: $booking, start: $start) { __typename
      ... on StaffBooking { ${STAFF_BOOKING} }
      ... on InputError { field }
      ${ERROR}
    }
  }
` as TypedDocument<StaffRescheduleMutation, StaffRescheduleMutationVariables>;

export const PREVIEW_MASS_CANCELLATION = `
  query PreviewMassCancellation($input: MassCancellationInput!) {
    previewMassCancellation(input: $input) { __typename
      ... on MassCancellationPreview { count first { id reference start contactName counterName } }
      ... on InputError { field }
      ${ERROR}
    }
  }
` as TypedDocument<PreviewMassCancellationQuery, PreviewMassCancellationQueryVariables>;

const MASS_CANCELLATION = "id status total cancelled from to startedAt finishedAt";

export const START_MASS_CANCELLATION = `
  mutation StartMassCancellation($input: StartMassCancellationInput!) {
    startMassCancellation(input: $input) { __typename
      ... on MassCancellation { ${MASS_CANCELLATION} }
      ... on InputError { field }
      ${ERROR}
    }
  }
` as TypedDocument<StartMassCancellationMutation, StartMassCancellationMutationVariables>;

export const MASS_CANCELLATION_PROGRESS = `
  query MassCancellationProgress($tenant: String!, $id: ID!) {
    massCancellation(tenant: $tenant, id: $id) { ${MASS_CANCELLATION} }
  }
` as TypedDocument<MassCancellationProgressQuery, MassCancellationProgressQueryVariables>;

export const CREATE_CLOSURE = `
  mutation CreateClosure($input: CreateClosureInput!) {
    createClosure(input: $input) { __typename
      ... on Closure { id officeId counterId from to startTime endTime reasonDe reasonEn }
      ... on InputError { field }
      ${ERROR}
    }
  }
` as TypedDocument<CreateClosureMutation, CreateClosureMutationVariables>;

export const DELETE_CLOSURE = `
  mutation DeleteClosure($tenant: String!, $id: ID!) {
    deleteClosure(tenant: $tenant, id: $id) { __typename ... on Closure { id } ${ERROR} }
  }
` as TypedDocument<DeleteClosureMutation, DeleteClosureMutationVariables>;

export const STAFF_USERS = `
  query StaffUsers($slug: String!) { tenant(slug: $slug) { staff { id name email role active singleSignOn } } }
` as TypedDocument<StaffUsersQuery, StaffUsersQueryVariables>;

export const UPDATE_STAFF_USER = `
  mutation UpdateStaffUser($tenant: String!, $user: ID!, $role: StaffRole, $active: Boolean) {
    updateStaffUser(tenant: $tenant, user: $user, role: $role, active: $active) { __typename
      ... on StaffUser { id name email role active singleSignOn }
      ${ERROR}
    }
  }
` as TypedDocument<UpdateStaffUserMutation, UpdateStaffUserMutationVariables>;

export const AUDIT_LOG = `
  query AuditLog($tenant: String!, $first: Int, $before: ID, $entityType: String) {
    auditLog(tenant: $tenant, first: $first, before: $before, entityType: $entityType) { __typename
      ... on AuditLog { entries { id at actor action entityType entityId data } }
      ${ERROR}
    }
  }
` as TypedDocument<AuditLogQuery, AuditLogQueryVariables>;

export const STATISTICS = `
  query Statistics($tenant: String!, $office: String!, $from: Date!, $to: Date!) {
    statistics(tenant: $tenant, office: $office, from: $from, to: $to) { __typename
      ... on OfficeStatistics { noShowRate averageLeadMinutes byService { serviceId bookings units }
        byStatusAndChannel { status channel count } }
      ${ERROR}
    }
  }
` as TypedDocument<StatisticsQuery, StatisticsQueryVariables>;

const OPENING_RULE = "id officeId counterId kind rrule startTime endTime validFrom validUntil";

/** The configuration API (admins): opening rules and closures of the agency. */
export const CONFIGURATION = `
  query Configuration($tenant: String!) {
    tenantConfiguration(tenant: $tenant) {
      openingRules { ${OPENING_RULE} }
      closures { id officeId counterId from to startTime endTime reasonDe reasonEn }
    }
  }
` as TypedDocument<ConfigurationQuery, ConfigurationQueryVariables>;

export const CREATE_OPENING_RULE = `
  mutation CreateOpeningRule($tenant: String!, $office: String!, $input: CreateOpeningRuleInput!) {
    createOpeningRule(tenant: $tenant, office: $office, input: $input) { __typename
      ... on OpeningRule { ${OPENING_RULE} }
      ... on InputError { field }
      ${ERROR}
    }
  }
` as TypedDocument<CreateOpeningRuleMutation, CreateOpeningRuleMutationVariables>;

export const DELETE_OPENING_RULE = `
  mutation DeleteOpeningRule($tenant: String!, $id: ID!) {
    deleteOpeningRule(tenant: $tenant, id: $id) { __typename ... on OpeningRule { id } ${ERROR} }
  }
` as TypedDocument<DeleteOpeningRuleMutation, DeleteOpeningRuleMutationVariables>;

const POLICY_FIELDS = `bufferMinutes cancellationCutoffMinutes cancelledSlotCooldownMinutes holdMaxMinutes holdMinutes horizonDays
  maxActiveBookingsPerPerson maxBookingsPerAddressPerHour maxHoldsPerAddress membershipNumberRequired minNoticeMinutes
  noShowLimit noShowWindowMonths phoneRequired releaseAt reminderHours requireEmailVerification retentionDays slotGridMinutes staffReserveShare`;
const SETTINGS = `allowedOrigins policy { ${POLICY_FIELDS} }`;

export const SETTINGS_QUERY = `
  query Settings($tenant: String!) { tenantConfiguration(tenant: $tenant) { settings { ${SETTINGS} } } }
` as TypedDocument<SettingsQuery, SettingsQueryVariables>;

export const UPDATE_POLICY = `
  mutation UpdatePolicy($tenant: String!, $input: TenantPolicyInput!) {
    updateTenantPolicy(tenant: $tenant, input: $input) { __typename
      ... on TenantSettings { ${SETTINGS} }
      ... on InputError { field }
      ${ERROR}
    }
  }
` as TypedDocument<UpdatePolicyMutation, UpdatePolicyMutationVariables>;

export const UPDATE_ORIGINS = `
  mutation UpdateOrigins($tenant: String!, $origins: [String!]!) {
    updateAllowedOrigins(tenant: $tenant, origins: $origins) { __typename
      ... on TenantSettings { ${SETTINGS} }
      ... on InputError { field }
      ${ERROR}
    }
  }
` as TypedDocument<UpdateOriginsMutation, UpdateOriginsMutationVariables>;

export const INVITE_STAFF = `
  mutation InviteStaff($tenant: String!, $name: String!, $email: String!, $role: StaffRole!) {
    inviteStaffUser(tenant: $tenant, name: $name, email: $email, role: $role) { __typename
      ... on StaffUser { id name email role active singleSignOn }
      ... on InputError { field }
      ${ERROR}
    }
  }
` as TypedDocument<InviteStaffMutation, InviteStaffMutationVariables>;

const LT = "{ de en }";
const CONCERN = `id slug active onlineBookable durationMinutes additionalUnitMinutes maxQuantity position
  name ${LT} category ${LT} documents ${LT} hints ${LT}`;

export const CONCERNS = `
  query Concerns($tenant: String!) { tenantConfiguration(tenant: $tenant) { concerns { ${CONCERN} } } }
` as TypedDocument<ConcernsQuery, ConcernsQueryVariables>;

export const CREATE_CONCERN = `
  mutation CreateConcern($tenant: String!, $input: CreateConcernInput!) {
    createConcern(tenant: $tenant, input: $input) { __typename ... on Concern { ${CONCERN} } ... on InputError { field } ${ERROR} }
  }
` as TypedDocument<CreateConcernMutation, CreateConcernMutationVariables>;

export const UPDATE_CONCERN = `
  mutation UpdateConcern($tenant: String!, $id: ID!, $input: UpdateConcernInput!) {
    updateConcern(tenant: $tenant, id: $id, input: $input) { __typename ... on Concern { ${CONCERN} } ... on InputError { field } ${ERROR} }
  }
` as TypedDocument<UpdateConcernMutation, UpdateConcernMutationVariables>;

export const ACCEPT_INVITATION = `
  mutation AcceptInvitation($tenant: String!, $token: String!, $password: String!) {
    acceptStaffInvitation(tenant: $tenant, token: $token, password: $password) { __typename ... on InputError { field } ${ERROR} }
  }
` as TypedDocument<AcceptInvitationMutation, AcceptInvitationMutationVariables>;

const OFFICE = `id slug name ${LT} street postalCode city timeZone phoneHours ${LT}`;
const COUNTER = "id officeId name active serviceIds";

/** Offices, counters and the concerns they may serve (admins). */
export const OFFICES = `
  query Offices($tenant: String!) {
    tenantConfiguration(tenant: $tenant) { offices { ${OFFICE} } counters { ${COUNTER} } concerns { id active name ${LT} } }
  }
` as TypedDocument<OfficesQuery, OfficesQueryVariables>;

/** The counters of the agency, for views that may narrow to one counter. */
export const COUNTERS = `
  query Counters($tenant: String!) { tenantConfiguration(tenant: $tenant) { counters { ${COUNTER} } } }
` as TypedDocument<CountersQuery, CountersQueryVariables>;

export const UPDATE_OFFICE = `
  mutation UpdateOffice($tenant: String!, $id: ID!, $input: UpdateOfficeInput!) {
    updateOffice(tenant: $tenant, id: $id, input: $input) { __typename ... on ConfiguredOffice { ${OFFICE} } ... on InputError { field } ${ERROR} }
  }
` as TypedDocument<UpdateOfficeMutation, UpdateOfficeMutationVariables>;

export const CREATE_COUNTER = `
  mutation CreateCounter($tenant: String!, $input: CreateCounterInput!) {
    createCounter(tenant: $tenant, input: $input) { __typename ... on Counter { ${COUNTER} } ... on InputError { field } ${ERROR} }
  }
` as TypedDocument<CreateCounterMutation, CreateCounterMutationVariables>;

export const UPDATE_COUNTER = `
  mutation UpdateCounter($tenant: String!, $id: ID!, $input: UpdateCounterInput!) {
    updateCounter(tenant: $tenant, id: $id, input: $input) { __typename
      ... on Counter { ${COUNTER} }
      ... on CounterHasBookings { bookings }
      ... on InputError { field }
      ${ERROR}
    }
  }
` as TypedDocument<UpdateCounterMutation, UpdateCounterMutationVariables>;

export const THEME_QUERY = `
  query DeskTheme($tenant: String!) { tenantConfiguration(tenant: $tenant) { settings { theme { name value } } } }
` as TypedDocument<DeskThemeQuery, DeskThemeQueryVariables>;

export const UPDATE_THEME = `
  mutation UpdateTheme($tenant: String!, $theme: [ThemeEntryInput!]!) {
    updateTheme(tenant: $tenant, theme: $theme) { __typename
      ... on TenantSettings { theme { name value } }
      ... on InputError { field }
      ... on ThemeContrastTooLow { pair ratio }
      ${ERROR}
    }
  }
` as TypedDocument<UpdateThemeMutation, UpdateThemeMutationVariables>;
