"""Load the demo organisation tree: both the district shape (to 30/06/2025) and the two-tier one."""

from dataclasses import dataclass

from motcua.organization.models import Unit, UnitKind, validate_agency_code

from .data import units as data


@dataclass(frozen=True)
class UnitRow:
    code: str
    kind: str
    name: str
    short_name: str
    agency_code: str
    parent: str | None
    valid_from: object = None
    valid_to: object = None
    successor: str | None = None
    address: str = ""
    phone: str = ""


def unit_rows() -> list[UnitRow]:
    """Every unit of the demo, parents before children."""
    era = {"valid_from": data.FOUNDED, "valid_to": data.LAST_DAY}
    hq = "125 đường Hồ Tùng Mậu, phường Cầu Diễn, quận Nam Từ Liêm, Hà Nội"
    district_code = data.agency_code(y=data.DISTRICT_Y)
    rows = [
        UnitRow(
            data.HANOI,
            UnitKind.PROVINCE,
            "Thành phố Hà Nội",
            "Hà Nội",
            data.agency_code(),
            None,
            address="79 Đinh Tiên Hoàng, Hà Nội",
            phone=data.fictitious_phone(1),
        ),
        UnitRow(
            data.DISTRICT,
            UnitKind.DISTRICT,
            "Quận Nam Từ Liêm",
            "Q. Nam Từ Liêm",
            district_code,
            data.HANOI,
            address=hq,
            phone=data.fictitious_phone(2700),
            **era,
        ),
        UnitRow(
            data.DISTRICT_COMMITTEE,
            UnitKind.PEOPLES_COMMITTEE,
            "Ủy ban nhân dân quận Nam Từ Liêm",
            "UBND quận Nam Từ Liêm",
            district_code,
            data.DISTRICT,
            address=hq,
            phone=data.fictitious_phone(2701),
            **era,
        ),
        UnitRow(
            data.DISTRICT_ONE_STOP,
            UnitKind.ONE_STOP_UNIT,
            "Bộ phận Tiếp nhận và Trả kết quả quận Nam Từ Liêm",
            "Bộ phận Một cửa quận Nam Từ Liêm",
            district_code,
            data.DISTRICT_COMMITTEE,
            successor="p-tu-liem-pvhcc",
            address=f"Tầng 1, {hq}",
            phone=data.fictitious_phone(2702),
            **era,
        ),
    ]
    for code, v, name, short in data.DEPARTMENTS:
        rows.append(
            UnitRow(
                code,
                UnitKind.DEPARTMENT,
                name,
                short,
                data.agency_code(v=v, y=data.DISTRICT_Y),
                data.DISTRICT_COMMITTEE,
                address=hq,
                phone=data.fictitious_phone(2710 + v),
                **era,
            )
        )
    for slug, z, name, street, successor in data.OLD_WARDS:
        codes, new = data.old_ward_codes(slug), data.new_ward_codes(successor)
        code = data.agency_code(z=z, y=data.DISTRICT_Y)
        address = f"{street}, phường {name}, quận Nam Từ Liêm, Hà Nội"
        phone = data.fictitious_phone(2700 + 10 * z + 100)
        rows += [
            UnitRow(
                codes["ward"],
                UnitKind.WARD,
                f"Phường {name}",
                f"P. {name} (Q. Nam Từ Liêm)",
                code,
                data.DISTRICT,
                successor=new["ward"],
                address=address,
                phone=phone,
                **era,
            ),
            UnitRow(
                codes["ubnd"],
                UnitKind.PEOPLES_COMMITTEE,
                f"Ủy ban nhân dân phường {name}",
                f"UBND phường {name} (Q. Nam Từ Liêm)",
                code,
                codes["ward"],
                successor=new["ubnd"],
                address=address,
                phone=phone,
                **era,
            ),
            UnitRow(
                codes["one_stop"],
                UnitKind.ONE_STOP_UNIT,
                f"Bộ phận Tiếp nhận và Trả kết quả phường {name}",
                f"Bộ phận Một cửa phường {name} (Q. Nam Từ Liêm)",
                code,
                codes["ubnd"],
                successor=new["centre"],
                address=address,
                phone=phone,
                **era,
            ),
        ]
    for slug, y, name, address in data.NEW_WARDS:
        codes = data.new_ward_codes(slug)
        code = data.agency_code(y=y)
        since = {"valid_from": data.TWO_TIER}
        phone = data.fictitious_phone(8000 + 10 * y)
        rows += [
            UnitRow(
                codes["ward"],
                UnitKind.WARD,
                f"Phường {name}",
                f"P. {name}",
                code,
                data.HANOI,
                address=address,
                phone=phone,
                **since,
            ),
            UnitRow(
                codes["ubnd"],
                UnitKind.PEOPLES_COMMITTEE,
                f"Ủy ban nhân dân phường {name}",
                f"UBND phường {name}",
                code,
                codes["ward"],
                address=address,
                phone=phone,
                **since,
            ),
            UnitRow(
                codes["centre"],
                UnitKind.SERVICE_CENTRE,
                f"Trung tâm Phục vụ hành chính công phường {name}",
                f"Trung tâm PVHCC phường {name}",
                code,
                codes["ubnd"],
                address=address,
                phone=data.fictitious_phone(8001 + 10 * y),
                **since,
            ),
        ]
        for suffix, v, prefix in data.NEW_WARD_OFFICES:
            rows.append(
                UnitRow(
                    codes[suffix],
                    UnitKind.DEPARTMENT,
                    f"{prefix} phường {name}",
                    prefix,
                    data.agency_code(v=v, y=y),
                    codes["ubnd"],
                    address=address,
                    phone=data.fictitious_phone(8002 + 10 * y + v),
                    **since,
                )
            )
    return rows


def load_units() -> dict[str, Unit]:
    """Create the units that are missing; existing ones (matched by `code`) are left as they are."""
    rows = unit_rows()
    units = {u.code: u for u in Unit.objects.filter(code__in=[r.code for r in rows])}
    for row in rows:
        if row.code in units:
            continue
        validate_agency_code(row.agency_code)
        unit = Unit(
            code=row.code,
            kind=row.kind,
            name=row.name,
            short_name=row.short_name,
            agency_code=row.agency_code,
            parent=units[row.parent] if row.parent else None,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
            address=row.address,
            phone=row.phone,
        )
        unit.clean()
        unit.save()
        units[row.code] = unit
    for row in rows:
        unit = units[row.code]
        if row.successor and unit.successor_id is None:
            unit.successor = units[row.successor]
            unit.save(update_fields=["successor"])
    return units
