from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from retour.api.permissions import PolicyPermission
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase


class OrgView(APIView):
    permission_classes = [PolicyPermission]
    required_perm = "orgs.change_organisation"

    def get(self, request, org):
        self.check_object_permissions(request, org)
        return Response({"ok": True})


class PolicyPermissionTests(TenantTestCase):
    def call(self, user, org):
        request = APIRequestFactory().get("/x")
        force_authenticate(request, user=user)
        request.org = self.org_a
        return OrgView.as_view()(request, org=org)

    def test_other_org_is_404_member_without_perm_403_admin_ok(self):
        self.assertEqual(self.call(self.user(Role.ADMIN, "b"), self.org_a).status_code, 403)
        response = self.call(self.user(Role.ADMIN), self.org_b)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.call(self.user(Role.EDITOR), self.org_a).status_code, 403)
        self.assertEqual(self.call(self.user(Role.ADMIN), self.org_a).status_code, 200)
