from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .middleware import SESSION_KEY
from .models import Organisation


@login_required
@require_POST
def organisation_switch(request):
    """Make another of the user's organisations the active one."""
    try:
        org = (
            Organisation.objects.filter(memberships__user=request.user)
            .distinct()
            .get(uuid=request.POST.get("organisation", ""))
        )
    except (Organisation.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    request.session[SESSION_KEY] = str(org.uuid)
    target = request.POST.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/admin/"
    return redirect(target)
