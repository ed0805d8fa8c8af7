// The team ("publicTeam") and service ("zone") objects of §2.3, and builders that fill in the site's defaults.

export interface CalendarBound {
  type: 'days' | 'weeks' | 'months';
  value: number;
}

export interface Opening {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  day: number;
  begin_h: string;
  begin_m: string;
  end_h: string;
  end_m: string;
  _id: string;
}

/** One entry of `reservations_shop_availabilty` (sic). Extra fields mirror the real object's shape. */
export interface ServiceZone {
  _id: string;
  name: string;
  is_open: boolean;
  is_open_internal: boolean;
  stand_alone_calendar: boolean;
  service_color: string;
  dynamic_calendar_enabled: boolean;
  dynamic_calendar: { begin: CalendarBound; end: CalendarBound };
  dynamic_calendar_opening: { hour: string; minute: string };
  openings: Opening[];
  custom_openings: unknown[];
  breaktimes: unknown[][];
  closed_days: string[];
  start_opening: string | null;
  end_opening: string | null;
  session_duration: number;
  session_type: string;
  session_people_max: number;
  reservation_people_max: number;
  session_reservation_max: number;
  reservation_delay_hours: number;
  is_priority: boolean;
  note: Record<string, string>;
  external_link_for_documents: string;
  enable_external_url: boolean;
  external_url: string;
  custom_fields: unknown[];
  enable_prerequest: boolean;
  enable_timbre_electronic: boolean;
  has_paid_reservation: boolean;
  name_traduction: Record<string, string>;
}

export interface PublicTeam {
  _id: string;
  name: string;
  type: { _id: string; name: string; label: string; background: string };
  picture: string;
  address: string;
  mobile: string;
  city: string;
  country: string;
  country_code: string;
  slug: string;
  static_slug: string;
  timezone: string;
  enable_reservation_shop: boolean;
  reservation_shop_display_name: string;
  enable_only_reservation: boolean;
  teams_sibling: unknown[];
  reservations_shop_availabilty: ServiceZone[];
  // Leftovers from Troov's lost-and-found product, present on the real object.
  pricing: Record<string, unknown>;
  tripperty_pricing: Record<string, unknown>;
  items_fields_form: unknown[];
  transports: unknown[];
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** A deterministic 24-hex Mongo-like id: the same seed gives the same id on every run. */
export function objectId(seed: string): string {
  return `64f0${fnv1a(seed)}${fnv1a(`${seed}#`)}${fnv1a(`#${seed}`).slice(0, 4)}`;
}

/** Openings on the given ISO weekdays, same hours every day. */
export function weekdayOpenings(days: number[], begin = '08:30', end = '17:00'): Opening[] {
  const [bh, bm] = begin.split(':') as [string, string];
  const [eh, em] = end.split(':') as [string, string];
  return days.map((day) => ({
    day,
    begin_h: bh,
    begin_m: bm,
    end_h: eh,
    end_m: em,
    _id: objectId(`opening-${day}-${begin}-${end}`),
  }));
}

export const MONDAY_TO_FRIDAY = [1, 2, 3, 4, 5];

export type ServiceInput = Partial<ServiceZone> & { name: string };

export function makeService(input: ServiceInput): ServiceZone {
  return {
    _id: input._id ?? objectId(`service-${input.name}`),
    is_open: true,
    is_open_internal: true,
    stand_alone_calendar: true,
    service_color: '#000091',
    dynamic_calendar_enabled: true,
    dynamic_calendar: { begin: { type: 'days', value: 0 }, end: { type: 'days', value: 45 } },
    dynamic_calendar_opening: { hour: '00', minute: '00' },
    openings: weekdayOpenings(MONDAY_TO_FRIDAY),
    custom_openings: [],
    breaktimes: [],
    closed_days: [],
    start_opening: null,
    end_opening: null,
    session_duration: 15,
    session_type: 'people',
    session_people_max: 1,
    reservation_people_max: 1,
    session_reservation_max: 1,
    reservation_delay_hours: 0,
    is_priority: false,
    note: { fr: '', en: '' },
    external_link_for_documents: '',
    enable_external_url: false,
    external_url: '',
    custom_fields: [],
    enable_prerequest: false,
    enable_timbre_electronic: false,
    has_paid_reservation: false,
    name_traduction: {},
    ...input,
  };
}

export type TeamInput = Partial<Omit<PublicTeam, 'reservations_shop_availabilty'>> & {
  name: string;
  slug: string;
  timezone: string;
  services: ServiceInput[];
};

export function makeTeam(input: TeamInput): PublicTeam {
  const { services, ...rest } = input;
  return {
    _id: objectId(`team-${input.slug}`),
    type: { _id: objectId('type-consulat'), name: 'consulat', label: 'Consulat', background: '#000091' },
    // A 1×1 transparent GIF stands in for the crest the real object embeds.
    picture: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
    address: '',
    mobile: '',
    city: '',
    country: '',
    country_code: '',
    static_slug: input.slug,
    enable_reservation_shop: true,
    reservation_shop_display_name: 'Calendriers',
    enable_only_reservation: true,
    teams_sibling: [],
    pricing: {},
    tripperty_pricing: {},
    items_fields_form: [],
    transports: [],
    ...rest,
    reservations_shop_availabilty: services.map(makeService),
  };
}
