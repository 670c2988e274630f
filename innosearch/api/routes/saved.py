"""Followed challenges: create one, read it and its feed by its secret link, mark what its page
showed as seen, revoke it.

No token: the secret id in the link is the identity. There is no listing, so a link shows one
saved search and never anyone else's; an unknown or revoked id is the same 404.
"""

from fastapi import APIRouter, Request, Response

from innosearch.alerts.feed import atom_feed
from innosearch.alerts.saved import SavedSearches
from innosearch.api import schemas
from innosearch.api.deps import SearcherDep, SettingsDep
from innosearch.api.errors import INVALID_INPUT, responses

router = APIRouter(responses=responses(404, INVALID_INPUT))


def _saved(settings: SettingsDep, searcher: SearcherDep) -> SavedSearches:
    return SavedSearches(settings, searcher)


@router.post("/saved", status_code=201, response_model=schemas.SavedSearchResponse)
def create(
    settings: SettingsDep, searcher: SearcherDep, body: schemas.SavedSearchRequest
) -> schemas.SavedSearchResponse:
    saved = _saved(settings, searcher).create(
        body.name, body.query, body.filters(), body.own_sector, body.email
    )
    return schemas.saved_search_response(saved, [])


@router.get("/saved/{saved_id}", response_model=schemas.SavedSearchResponse)
def read(
    settings: SettingsDep, searcher: SearcherDep, saved_id: str
) -> schemas.SavedSearchResponse:
    saved = _saved(settings, searcher)
    return schemas.saved_search_response(saved.get(saved_id), saved.matches(saved_id))


@router.get(
    "/saved/{saved_id}/feed.xml",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}}},
)
def feed(settings: SettingsDep, searcher: SearcherDep, saved_id: str, request: Request) -> Response:
    saved = _saved(settings, searcher)
    body = atom_feed(saved.get(saved_id), saved.matches(saved_id), str(request.base_url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.post("/saved/{saved_id}/seen", status_code=204)
def seen(
    settings: SettingsDep, searcher: SearcherDep, saved_id: str, body: schemas.SeenRequest
) -> Response:
    """The challenge's page showed its matches up to `until`; later ones stay marked as new."""
    _saved(settings, searcher).mark_seen(saved_id, body.until)
    return Response(status_code=204)


@router.delete("/saved/{saved_id}", status_code=204)
def revoke(settings: SettingsDep, searcher: SearcherDep, saved_id: str) -> Response:
    _saved(settings, searcher).revoke(saved_id)
    return Response(status_code=204)
