"""The OpenAPI schema states every error answer and the input limits the API enforces."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from api.schema_hooks import STANDARD_ERRORS
from casework.limits import ID_MAX, LONG_TEXT_MAX


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_every_operation_documents_every_standard_error_as_json(schema):
    operations = [op for item in schema["paths"].values() for op in item.values() if isinstance(op, dict)]
    assert len(operations) > 30
    for operation in operations:
        for code in STANDARD_ERRORS:
            assert "application/json" in operation["responses"][code]["content"], (operation["operationId"], code)


def test_conflicts_keep_their_own_schema_and_the_rest_share_error(schema):
    accept = schema["paths"]["/api/v1/objections/{number}/accept/"]["post"]["responses"]
    assert accept["409"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Conflict"}
    assert accept["429"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert set(schema["components"]["schemas"]["Error"]["properties"]) == {"detail", "code", "allowed_actions"}


def test_lengths_and_ranges_are_in_the_schema(schema):
    components = schema["components"]["schemas"]
    grounds = components["ObjectionLodgeRequest"]["properties"]["grounds"]
    assert (grounds["minLength"], grounds["maxLength"]) == (10, LONG_TEXT_MAX)
    measure = components["ConfirmLiftingRequest"]["properties"]["measure"]
    assert (measure["minimum"], measure["maximum"]) == (1, ID_MAX)
    assert components["ObjectionLodgeRequest"]["properties"]["record"]["maximum"] == ID_MAX


def test_the_commitment_letter_is_a_required_binary_file(schema):
    apply = components = schema["components"]["schemas"]["RepairApplyRequest"]
    assert "commitment_file" in apply["required"]
    assert components["properties"]["commitment_file"]["format"] == "binary"
