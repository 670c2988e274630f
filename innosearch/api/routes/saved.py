"""Followed challenges: create one, read it and its feed by its secret link, mark what its page
showed as seen, revoke it.

No token: the secret id in the link is the identity. There is no listing, so a link shows one
saved search and never anyone else's; an unknown or revoked id is the same 404.
"""

from typing import Annotated

from fastapi import APIRouter, Body, Path, Request, Response

from innosearch.alerts.feed import atom_feed
from innosearch.alerts.saved import SavedSearches
from innosearch.api import schemas
from innosearch.api.deps import SearcherDep, SettingsDep
from innosearch.api.errors import INVALID_INPUT, UNAVAILABLE, responses

router = APIRouter(responses=responses(INVALID_INPUT, UNAVAILABLE))

SavedId = Annotated[
    str, Path(description="Den fulgte udfordrings hemmelige id, som i linket /fulgt/{id}.")
]
UNKNOWN = responses(404, missing="Den fulgte udfordring findes ikke eller er stoppet")

# Swagger UI's "Try it out" sends these; the body it would make up from the schema alone
# ("sector": ["string"]) is refused.
FOLLOW_EXAMPLE = Body(
    openapi_examples={
        "aeldre": {
            "summary": "Ældre i eget hjem, målt effekt",
            "value": {
                "query": "Hvordan får vi flere ældre til at klare sig selv længere derhjemme?",
                "name": "Ældre i eget hjem",
                "sector": ["aeldre"],
                "min_level": 2,
                "year_from": 2020,
            },
        }
    }
)
SEEN_EXAMPLE = Body(
    openapi_examples={
        "until": {"summary": "Vist til og med", "value": {"until": "2026-12-07T10:00:00+00:00"}}
    }
)


def _saved(settings: SettingsDep, searcher: SearcherDep) -> SavedSearches:
    return SavedSearches(settings, searcher)


@router.post(
    "/saved",
    status_code=201,
    response_model=schemas.SavedSearchResponse,
    summary="Følg en udfordring",
    description="Gemmer udfordringen med filtrene (de samme som `/api/search` tager); efter "
    "hver indlæsning noteres nye sager blandt dens første resultater. Svaret har det hemmelige "
    "id og links til siden og feedet; `Location` peger på den.",
    response_description="Den fulgte udfordring",
)
def create(
    settings: SettingsDep,
    searcher: SearcherDep,
    body: Annotated[schemas.SavedSearchRequest, FOLLOW_EXAMPLE],
    response: Response,
) -> schemas.SavedSearchResponse:
    saved = _saved(settings, searcher).create(
        body.name, body.query, body.filters(), body.own_sector, body.email
    )
    created = schemas.saved_search_response(saved, [])
    response.headers["Location"] = created.links["self"]
    return created


@router.get(
    "/saved/{saved_id}",
    response_model=schemas.SavedSearchResponse,
    responses=UNKNOWN,
    summary="En fulgt udfordring",
    description="Udfordringen, hvad den er begrænset til, og de sager, der er fundet siden den "
    "blev fulgt (`seen` siger, om siden har vist dem).",
    response_description="Den fulgte udfordring med dens fund",
)
def read(
    settings: SettingsDep, searcher: SearcherDep, saved_id: SavedId
) -> schemas.SavedSearchResponse:
    saved = _saved(settings, searcher)
    return schemas.saved_search_response(saved.get(saved_id), saved.matches(saved_id))


@router.get(
    "/saved/{saved_id}/feed.xml",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}}, **UNKNOWN},
    summary="Atom-feed for en fulgt udfordring",
    description="De nye og ændrede sager, der er fundet til udfordringen, til en feedlæser.",
    response_description="Atom-feedet",
)
def feed(
    settings: SettingsDep, searcher: SearcherDep, saved_id: SavedId, request: Request
) -> Response:
    saved = _saved(settings, searcher)
    # The address set for readers, as the digests use; behind a proxy that rewrites the Host
    # header the request's own address is the server's inside one. Unset, the request's is the
    # best guess, and better than the default's 127.0.0.1.
    set_for_readers = "public_url" in settings.model_fields_set
    base = settings.public_url if set_for_readers else str(request.base_url)
    matches = saved.matches(saved_id)
    cases = searcher.store.documents([m.document_id for m in matches])
    body = atom_feed(saved.get(saved_id), matches, base, cases)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.post(
    "/saved/{saved_id}/seen",
    status_code=204,
    responses=UNKNOWN,
    summary="Markér fund som set",
    description="Siden har vist fundene til og med `until` (det nyeste `found_at`, den viste); "
    "senere fund forbliver markeret som nye.",
    response_description="Markeret",
)
def seen(
    settings: SettingsDep,
    searcher: SearcherDep,
    saved_id: SavedId,
    body: Annotated[schemas.SeenRequest, SEEN_EXAMPLE],
) -> Response:
    _saved(settings, searcher).mark_seen(saved_id, body.until)
    return Response(status_code=204)


@router.delete(
    "/saved/{saved_id}",
    status_code=204,
    responses=UNKNOWN,
    summary="Stop med at følge en udfordring",
    description="Linket, feedet og e-mails holder op med at virke.",
    response_description="Stoppet",
)
def revoke(settings: SettingsDep, searcher: SearcherDep, saved_id: SavedId) -> Response:
    _saved(settings, searcher).revoke(saved_id)
    return Response(status_code=204)
