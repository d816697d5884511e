app_name = "protokoll"
urlpatterns = []
