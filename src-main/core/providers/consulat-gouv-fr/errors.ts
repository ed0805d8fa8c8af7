/** Errors for input a person must correct (not site conditions, which are check outcomes). */
export { BookingUrlError } from './booking-url';

/** The booking URL names a service this consulate does not offer (or offers several and names none). */
export class UnknownServiceError extends Error {
  override readonly name = 'UnknownServiceError';
  constructor(
    readonly consulate: string,
    /** The name asked for (`?name=`), or undefined when the URL names none and several services are open. */
    readonly requested: string | undefined,
    /** The open services of the consulate, exactly as the site names them. */
    readonly availableServices: string[],
  ) {
    const list =
      availableServices.length === 0
        ? 'none is open'
        : availableServices.map((name) => `"${name}"`).join(', ');
    super(
      requested === undefined
        ? `${consulate} has several services; choose one on the booking page and copy its URL with ?name= (services: ${list}).`
        : `${consulate} has no open service named "${requested}"; copy the booking URL again after choosing one of: ${list}.`,
    );
  }
}

/** The site has no consulate page at this address (HTTP 404 for the booking page): a mistyped or outdated URL. */
export class UnknownConsulateError extends Error {
  override readonly name = 'UnknownConsulateError';
  constructor(
    /** The consulate part of the URL, as given. */
    readonly slug: string,
    readonly bookingUrl: string,
  ) {
    super(
      `The site has no consulate page "${slug}" (HTTP 404 for ${bookingUrl}); open the consulate's booking page in your browser and copy its address again.`,
    );
  }
}
