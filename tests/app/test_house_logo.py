"""The house's logo: admins set and remove it, JPEG or PNG of at most 2 MB, everyone reads it."""

from __future__ import annotations

import pytest

from app.errors import PermissionDenied, ValidationError
from app.paths import resources_dir
from app.services import Services
from app.services.roles import Actor

PNG = (resources_dir() / "demo-logo.png").read_bytes()


def test_an_admin_sets_replaces_and_removes_the_logo(services: Services, admin: Actor, volunteer: Actor) -> None:
    assert services.house.logo(volunteer) is None
    logo = services.house.set_logo(admin, PNG)
    assert logo is not None and logo.media_type == "image/png"
    jpeg = b"\xff\xd8\xff\xe0" + b"0" * 100
    services.house.set_logo(admin, jpeg)
    stored = services.house.logo(volunteer)
    assert stored is not None and (stored.data, stored.media_type) == (jpeg, "image/jpeg")
    assert services.house.set_logo(admin, None) is None
    assert services.house.logo(volunteer) is None


def test_only_pictures_of_at_most_2_mb_from_an_admin(services: Services, admin: Actor, coordinator: Actor) -> None:
    with pytest.raises(PermissionDenied):
        services.house.set_logo(coordinator, PNG)
    with pytest.raises(ValidationError, match="JPEG or PNG"):
        services.house.set_logo(admin, b"GIF89a....")
    with pytest.raises(ValidationError, match="at most 2 MB"):
        services.house.set_logo(admin, PNG + b"0" * (2 * 1024 * 1024))
    assert services.house.logo(admin) is None
